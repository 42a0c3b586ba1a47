using ArenaServer.Tests;
using ArenaServer.Transport.Tests.Infrastructure;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport.Tests;

/// <summary>Encode-once broadcast and the bounded outbound queue with its outcomes (ARCHITECTURE.md §4–5).</summary>
public sealed class OutboundQueueTests
{
    private const int BigFrame = 256 * 1024;

    [Fact]
    public async Task OneFrame_EnqueuedToManyConnections_AllReceiveIdenticalBytes_BufferReturnedOnce()
    {
        const int Clients = 4;
        var handler = new TestRequestHandler { WebSocket = new RecordingWebSocketHandler { Echo = false } };
        await using ArenaListener listener = TestListener.Start(handler);
        Task allOpened = handler.WebSocket.ExpectConnections(Clients);
        var clients = new List<RawWebSocketClient>();
        for (int i = 0; i < Clients; i++)
        {
            clients.Add(await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint));
        }

        await allOpened.DefaultTimeout();

        var pool = new CountingArrayPool();
        byte[] payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        OutboundFrame frame = OutboundFrame.Create(Opcode.Binary, payload, pool);
        frame.AddReference(Clients - 1);
        foreach (WebSocketConnection connection in handler.WebSocket.Connections)
        {
            Assert.Equal(EnqueueResult.Enqueued, connection.TryEnqueue(frame));
        }

        foreach (RawWebSocketClient client in clients)
        {
            (byte Opcode, bool Fin, byte[] Payload)? received = await client.ReceiveFrameAsync().DefaultTimeout();
            Assert.Equal((byte)0x2, received!.Value.Opcode);
            Assert.True(received.Value.Fin);
            Assert.Equal(payload, received.Value.Payload);
            client.Dispose();
        }

        // The last write loop releases its reference once its send completed, which may be just after the bytes arrived.
        Assert.True(SpinWait.SpinUntil(() => pool.Returned == 1, TaskTimeoutExtensions.DefaultTimeoutValue));
        Assert.Equal(1, pool.Rented);
        Assert.Equal(1, pool.Returned);
    }

    [Fact]
    public async Task TryEnqueue_QueueFull_ReturnsQueueFullAndCloses4008()
    {
        var handler = new TestRequestHandler { WebSocket = new RecordingWebSocketHandler { Echo = false } };
        var options = new TransportOptions { OutboundQueueCapacity = 4, MaxWriteBufferSize = 1024 };
        await using ArenaListener listener = TestListener.Start(handler, options);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint, receiveBufferSize: 4096);
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();

        byte[] payload = new byte[BigFrame];
        EnqueueResult result = EnqueueResult.Enqueued;
        int sent = 0;
        for (; sent < 2000 && result == EnqueueResult.Enqueued; sent++)
        {
            result = connection.TrySend(WebSocketMessageType.Binary, payload);
        }

        Assert.Equal(EnqueueResult.QueueFull, result);
        Assert.Equal(EnqueueResult.Closed, connection.TrySend(WebSocketMessageType.Binary, payload));

        (bool received, ushort? code) = await client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal(TransportCloseCodes.SlowConsumer, code);
        await client.SendFrameAsync(0x8, [0x0F, 0xA8]);
        WebSocketCloseInfo info = await handler.WebSocket.Closed.Task.DefaultTimeout();
        Assert.Equal(new WebSocketCloseInfo(CloseReason.SlowConsumer, TransportCloseCodes.SlowConsumer, "slow consumer"), info);
    }

    [Fact]
    public async Task TrySetSnapshot_WhileWriteStalled_CoalescesAndReleasesOlder_SentAfterMessages()
    {
        var handler = new TestRequestHandler { WebSocket = new RecordingWebSocketHandler { Echo = false } };
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { MaxWriteBufferSize = 1024 });
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint, receiveBufferSize: 4096);
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();

        const int Messages = 40;
        for (int i = 0; i < Messages; i++)
        {
            Assert.Equal(EnqueueResult.Enqueued, connection.TrySend(WebSocketMessageType.Binary, new byte[BigFrame]));
        }

        // 10 MiB cannot fit in the socket buffers of a client that does not read: the write loop parks in FlushAsync,
        // for good once the kernel has stopped growing its send buffer (see the ping-flood test).
        Assert.True(await StaysTrueAsync(() => connection.IsFlushPending, TimeSpan.FromMilliseconds(300)));

        OutboundFrame older = OutboundFrame.Create(WebSocketMessageType.Binary, "old"u8);
        OutboundFrame newer = OutboundFrame.Create(WebSocketMessageType.Binary, "new"u8);
        int olderGeneration = older.Generation;
        int newerGeneration = newer.Generation;
        Assert.Equal(EnqueueResult.Enqueued, connection.TrySetSnapshot(older));
        Assert.Equal(EnqueueResult.Coalesced, connection.TrySetSnapshot(newer));
        Assert.True(older.IsReleased || older.Generation != olderGeneration);

        for (int i = 0; i < Messages; i++)
        {
            (byte Opcode, bool Fin, byte[] Payload)? message = await client.ReceiveFrameAsync().DefaultTimeout();
            Assert.Equal(BigFrame, message!.Value.Payload.Length);
        }

        (byte Opcode, bool Fin, byte[] Payload)? snapshot = await client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal("new"u8.ToArray(), snapshot!.Value.Payload);
        Assert.True(SpinWait.SpinUntil(() => newer.IsReleased || newer.Generation != newerGeneration, TaskTimeoutExtensions.DefaultTimeoutValue));
    }

    [Fact]
    public async Task SlowConsumerTimeout_WriteStalled_Closes4008ThenDrops()
    {
        var clock = new ManualClock();
        var handler = new TestRequestHandler { WebSocket = new RecordingWebSocketHandler { Echo = false } };
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { MaxWriteBufferSize = 1024 }, clock);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint, receiveBufferSize: 4096);
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();
        for (int i = 0; i < 40; i++)
        {
            connection.TrySend(WebSocketMessageType.Binary, new byte[BigFrame]);
        }

        // Stuck for good before the manual clock moves: a batch that still finished later would restart the stall
        // clock, and the 4 s below would no longer cover 3 s of one pending write (session 4's unexplained failure).
        Assert.True(await StaysTrueAsync(() => connection.IsFlushPending, TimeSpan.FromMilliseconds(300)));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(connection.IsFlushPending);
        Assert.Equal(EnqueueResult.Enqueued, connection.TrySend(WebSocketMessageType.Binary, "still open"u8));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(EnqueueResult.Closed, connection.TrySend(WebSocketMessageType.Binary, "closing"u8));
        clock.Advance(TimeSpan.FromSeconds(2)); // CloseTimeout: the Close cannot get out either, so TCP is dropped

        WebSocketCloseInfo info = await handler.WebSocket.Closed.Task.DefaultTimeout();
        Assert.Equal(CloseReason.SlowConsumer, info.Reason);
        Assert.Equal(TransportCloseCodes.SlowConsumer, info.Code);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "400")]
    public async Task PingFlood_ClientNotReading_ClosedAsSlowConsumerInsteadOfQueueingPongs()
    {
        var handler = new TestRequestHandler { WebSocket = new RecordingWebSocketHandler { Echo = false } };
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { MaxWriteBufferSize = 1024 });
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint, receiveBufferSize: 4096);
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();
        for (int i = 0; i < 40; i++)
        {
            connection.TrySend(WebSocketMessageType.Binary, new byte[BigFrame]);
        }

        // Stuck for good, not only between two batches: while the kernel still grows its send buffer (autotuning, up
        // to 4 MiB here) the writer finishes a batch now and then and drains the Pongs of one receive (62 Pings of
        // 8 KiB), and the flood never piles up (a fresh-clone CI run on io_uring, 1 in 6 suite runs locally).
        Assert.True(await StaysTrueAsync(() => connection.IsFlushPending, TimeSpan.FromMilliseconds(300)));
        byte[] ping = RawWebSocketClient.EncodeFrame(0x9, new byte[125]);
        byte[] flood = Enumerable.Range(0, 200).SelectMany(_ => ping).ToArray();
        await client.SendAsync(flood);

        (bool received, ushort? code) = await client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal(TransportCloseCodes.SlowConsumer, code);
        Assert.Equal(CloseReason.SlowConsumer, connection.CloseInfo!.Value.Reason);
    }

    /// <summary>Waits (within the default timeout) until <paramref name="condition"/> has held for <paramref name="span"/>
    /// without a break.</summary>
    private static async Task<bool> StaysTrueAsync(Func<bool> condition, TimeSpan span)
    {
        var total = System.Diagnostics.Stopwatch.StartNew();
        var held = System.Diagnostics.Stopwatch.StartNew();
        while (total.Elapsed < TaskTimeoutExtensions.DefaultTimeoutValue)
        {
            if (!condition())
            {
                held.Restart();
            }
            else if (held.Elapsed >= span)
            {
                return true;
            }

            await Task.Delay(5);
        }

        return false;
    }
}
