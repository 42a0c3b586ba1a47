using System.Buffers;
using ArenaServer.Transport.Tests.Infrastructure;

namespace ArenaServer.Transport.Tests;

[CollectionDefinition(nameof(IoEngineAllocationTests), DisableParallelization = true)]
public sealed class IoEngineAllocationCollection;

/// <summary>Our engines' echo loop allocates nothing per message on the engine's thread (the io_uring ring's, the
/// epoll loop's): receive, reply through a pooled frame, send and their continuations all run there, so the thread's
/// own allocation counter, read by the handler at two messages, covers the whole round in between (run alone: the
/// engine's threads are shared by the process's listeners). Measured on io_uring: 296 B per message with an awaiting
/// writer, 80 B with the continuation-based one, 32 B once the send stopped enumerating its segments through an
/// interface, 0 once a closure left the method on the send path.</summary>
[Collection(nameof(IoEngineAllocationTests))]
public sealed class IoEngineAllocationTests
{
    private const int WarmUp = 500;
    private const int Messages = 2_000;

    [Theory]
    [InlineData(TransportIoEngine.IoUring)]
    [InlineData(TransportIoEngine.Epoll)]
    public async Task EchoLoop_AllocatesNothingPerMessageOnTheEngineThread(TransportIoEngine engine)
    {
        if (!IoEngineTests.IsAvailable(engine))
        {
            return; // IoEngineTests covers the refusal
        }

        var echo = new MeasuringEchoHandler(WarmUp, WarmUp + Messages);
        var handler = new TestRequestHandler { Custom = echo };
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions
        {
            IoEngine = engine,
            IoUringRings = 1,
            EpollLoops = 1,
            PingInterval = TimeSpan.FromMinutes(10), // no heartbeat Pings inside the measured window
            PongTimeout = TimeSpan.FromMinutes(20),
        });
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        byte[] payload = new byte[32];

        // The first messages warm up tier-1 code, pools and the operations' first runs.
        for (int i = 0; i < WarmUp + Messages + 1; i++)
        {
            await client.SendFrameAsync(0x2, payload);
            (byte Opcode, bool Fin, byte[] Payload)? reply = await client.ReceiveFrameAsync().DefaultTimeout();
            Assert.Equal(payload.Length, reply!.Value.Payload.Length);
        }

        Assert.Equal(echo.Threads[0], echo.Threads[1]); // both readings on the engine's one thread
        double perMessage = (echo.Allocated[1] - echo.Allocated[0]) / (double)Messages;
        // Under one byte per message: nothing per message (a few one-off allocations may fall in the window).
        Assert.True(perMessage < 1, $"{perMessage:F1} bytes allocated on the {engine} thread per echoed message");
    }

    private sealed class MeasuringEchoHandler(params int[] measureAt) : IWebSocketHandler
    {
        private int _messages;

        public long[] Allocated { get; } = new long[measureAt.Length];

        public int[] Threads { get; } = new int[measureAt.Length];

        public void OnMessage(WebSocketConnection connection, WebSocketMessageType type, ReadOnlySequence<byte> payload)
        {
            int index = Array.IndexOf(measureAt, _messages++);
            if (index >= 0)
            {
                Allocated[index] = GC.GetAllocatedBytesForCurrentThread();
                Threads[index] = Environment.CurrentManagedThreadId;
            }

            connection.TrySend(type, payload.FirstSpan);
        }
    }
}
