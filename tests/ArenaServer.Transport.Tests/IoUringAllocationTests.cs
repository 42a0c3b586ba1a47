using System.Buffers;
using ArenaServer.Transport.Internal.Uring;
using ArenaServer.Transport.Tests.Infrastructure;

namespace ArenaServer.Transport.Tests;

[CollectionDefinition(nameof(IoUringAllocationTests), DisableParallelization = true)]
public sealed class IoUringAllocationCollection;

/// <summary>The io_uring engine's echo loop allocates nothing per message on the ring's thread: receive, reply through
/// a pooled frame, send and their continuations (run alone: the ring is shared by the process's listeners).
/// Measured: 296 B per message with an awaiting writer, 80 B with the continuation-based one, 32 B once the send
/// stopped enumerating its segments through an interface, 0 once a closure left the method on the send path.</summary>
[Collection(nameof(IoUringAllocationTests))]
public sealed class IoUringAllocationTests
{
    private const int Messages = 2_000;

    [Fact]
    public async Task EchoLoop_AllocatesNothingPerMessageOnTheRing()
    {
        UringEngine? engine = UringEngine.TryGet(1, out _);
        if (engine is null)
        {
            return; // no io_uring here: IoUringEngineTests covers the refusal
        }

        var handler = new TestRequestHandler { Custom = new PooledEchoHandler() };
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions
        {
            IoEngine = TransportIoEngine.IoUring,
            PingInterval = TimeSpan.FromMinutes(10), // no heartbeat Pings inside the measured window
            PongTimeout = TimeSpan.FromMinutes(20),
        });
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        byte[] payload = new byte[32];

        await EchoAsync(client, payload, 500); // warm-up: tier-1 code, pools, the operations' first runs
        long before = await AllocatedOnRingAsync(engine.NextRing());
        await EchoAsync(client, payload, Messages);
        long after = await AllocatedOnRingAsync(engine.NextRing());

        double perMessage = (after - before) / (double)Messages;
        // Under one byte per message: nothing per message (a few one-off allocations may fall in the window).
        Assert.True(perMessage < 1, $"{perMessage:F1} bytes allocated on the ring's thread per echoed message");
    }

    private static async Task EchoAsync(RawWebSocketClient client, byte[] payload, int count)
    {
        for (int i = 0; i < count; i++)
        {
            await client.SendFrameAsync(0x2, payload);
            (byte Opcode, bool Fin, byte[] Payload)? echo = await client.ReceiveFrameAsync().DefaultTimeout();
            Assert.Equal(payload.Length, echo!.Value.Payload.Length);
        }
    }

    /// <summary>Reads the ring thread's own allocation counter from a work item posted to it.</summary>
    private static Task<long> AllocatedOnRingAsync(UringRing ring)
    {
        var reader = new AllocationReader();
        ring.Post(reader);
        return reader.Result.Task.DefaultTimeout();
    }

    private sealed class AllocationReader : IThreadPoolWorkItem
    {
        public TaskCompletionSource<long> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Execute() => Result.SetResult(GC.GetAllocatedBytesForCurrentThread());
    }

    private sealed class PooledEchoHandler : IWebSocketHandler
    {
        public void OnMessage(WebSocketConnection connection, WebSocketMessageType type, ReadOnlySequence<byte> payload)
            => connection.TrySend(type, payload.FirstSpan);
    }
}
