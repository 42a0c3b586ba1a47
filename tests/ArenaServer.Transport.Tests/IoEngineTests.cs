using System.Net;
using System.Net.WebSockets;
using System.Text;
using ArenaServer.Testing;
using ArenaServer.Transport.Internal;
using ArenaServer.Transport.Internal.Epoll;
using ArenaServer.Transport.Internal.Uring;
using ArenaServer.Transport.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using SystemMessageType = System.Net.WebSockets.WebSocketMessageType;

namespace ArenaServer.Transport.Tests;

/// <summary>Our own I/O engines (io_uring, epoll) with a real BCL client: echo, a message larger than the socket
/// buffers (partial sends continued), both close directions, and many connections over one or several threads. CI
/// also runs the transport, conformance and functional suites on each (<c>ARENA_TEST_IO_ENGINE</c>); these tests pin
/// the engine whatever that variable says.</summary>
public sealed class IoEngineTests
{
    private static readonly bool s_uringAvailable = UringEngine.TryGet(1, out _) is not null;

    [Theory]
    [InlineData(TransportIoEngine.IoUring)]
    [InlineData(TransportIoEngine.Epoll)]
    public async Task Engine_WhereUnavailable_ListenerRefusesToStartNamingTheKey(TransportIoEngine engine)
    {
        if (IsAvailable(engine))
        {
            await using ArenaListener listener = Start(new TestRequestHandler(), engine);
            Assert.Equal(engine, listener.IoEngine);
            return;
        }

        var error = Assert.Throws<InvalidOperationException>(() => Start(new TestRequestHandler(), engine));
        Assert.Contains("Arena:Transport:IoEngine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_UsesEpollExactlyWhereAvailable()
    {
        // Not through TestListener, which lets ARENA_TEST_IO_ENGINE replace the default engine.
        await using var listener = new ArenaListener(new IPEndPoint(IPAddress.Loopback, 0), new TransportOptions { IoEngine = TransportIoEngine.Auto },
            new TestRequestHandler(), NullLoggerFactory.Instance, TimeProvider.System);
        listener.Start();
        Assert.Equal(IsAvailable(TransportIoEngine.Epoll) ? TransportIoEngine.Epoll : TransportIoEngine.Sockets, listener.IoEngine);
    }

    [Theory]
    [InlineData(TransportIoEngine.IoUring)]
    [InlineData(TransportIoEngine.Epoll)]
    public async Task ClientWebSocket_EchoesTextBinaryAndFourMegabytes_ThenClosesCleanly(TransportIoEngine engine)
    {
        if (!IsAvailable(engine))
        {
            return; // the refusal is the behaviour there (above)
        }

        var handler = new TestRequestHandler { MaxMessageSize = 8 * 1024 * 1024 };
        await using ArenaListener listener = Start(handler, engine);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();

        await client.SendAsync("hello"u8.ToArray(), SystemMessageType.Text, true, default).DefaultTimeout();
        Assert.Equal("hello", Encoding.UTF8.GetString((await ArenaListenerTests.ReceiveAsync(client)).Payload));

        // Larger than the loopback socket buffers: the server's send is partial and continued, the client reads
        // while it is parked.
        byte[] big = new byte[4 * 1024 * 1024];
        new Random(7).NextBytes(big);
        await client.SendAsync(big, SystemMessageType.Binary, true, default).DefaultTimeout();
        Assert.Equal(big, (await ArenaListenerTests.ReceiveAsync(client)).Payload);

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", default).DefaultTimeout();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        WebSocketCloseInfo info = await handler.WebSocket.Closed.Task.DefaultTimeout();
        Assert.Equal(CloseReason.ClientClosed, info.Reason);
    }

    [Theory]
    [InlineData(TransportIoEngine.IoUring)]
    [InlineData(TransportIoEngine.Epoll)]
    public async Task ServerClose_And_Abort_EndParkedReceives(TransportIoEngine engine)
    {
        if (!IsAvailable(engine))
        {
            return;
        }

        var handler = new TestRequestHandler();
        await using ArenaListener listener = Start(handler, engine);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();

        // The server's receive is parked (in the ring, or on the epoll loop); a close must still complete both directions.
        connection.Close(4005, "redirect");
        byte[] buffer = new byte[64];
        WebSocketReceiveResult close = await client.ReceiveAsync(buffer, default).DefaultTimeout();
        Assert.Equal(SystemMessageType.Close, close.MessageType);
        Assert.Equal((WebSocketCloseStatus)4005, client.CloseStatus);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, default).DefaultTimeout();
        Assert.Equal(CloseReason.ServerClosed, (await handler.WebSocket.Closed.Task.DefaultTimeout()).Reason);
        await connection.Completion.DefaultTimeout();

        // The WebSocket ends before the transport has closed TCP and released the slot: the stop waits for that.
        await listener.StopAsync(1001, "done", CancellationToken.None).DefaultTimeout();
        Assert.Equal(0, listener.ActiveConnections);
    }

    [Theory]
    [InlineData(TransportIoEngine.IoUring, 1)]
    [InlineData(TransportIoEngine.IoUring, 3)]
    [InlineData(TransportIoEngine.Epoll, 1)]
    [InlineData(TransportIoEngine.Epoll, 3)]
    public async Task TwoHundredConnections_EchoConcurrently_SpreadOverTheThreads(TransportIoEngine engine, int threads)
    {
        if (!IsAvailable(engine))
        {
            return;
        }

        await using ArenaListener listener = TestListener.Start(new TestRequestHandler(),
            new TransportOptions { IoEngine = engine, IoUringRings = threads, EpollLoops = threads });
        var clients = new ClientWebSocket[200];
        try
        {
            for (int i = 0; i < clients.Length; i++)
            {
                clients[i] = new ClientWebSocket();
                await clients[i].ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();
            }

            await Task.WhenAll(clients.Select(async (client, i) =>
            {
                for (int round = 0; round < 20; round++)
                {
                    byte[] message = Encoding.UTF8.GetBytes($"{i}:{round}");
                    await client.SendAsync(message, SystemMessageType.Binary, true, default);
                    Assert.Equal(message, (await ArenaListenerTests.ReceiveAsync(client)).Payload);
                }
            })).DefaultTimeout();
        }
        finally
        {
            foreach (ClientWebSocket client in clients)
            {
                client?.Dispose();
            }
        }
    }

    [Theory]
    [InlineData(TransportIoEngine.IoUring)]
    [InlineData(TransportIoEngine.Epoll)]
    [InlineData(TransportIoEngine.Sockets)]
    public async Task MessageThenFin_InOneBurst_ServerSeesTheEndWithoutATimeout(TransportIoEngine engine)
    {
        if (!IsAvailable(engine))
        {
            return;
        }

        // A manual clock that never moves: no handshake, idle or close timeout can end the connection instead. The
        // epoll engine once lost the end of stream when it came with the last data (the short read looked like a
        // drained socket, and a FIN that is already queued raises no further edge).
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { IoEngine = engine }, new ManualClock());
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        await handler.WebSocket.Opened.Task.DefaultTimeout();

        await client.SendFrameAsync(0x2, "last words"u8.ToArray());
        client.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);

        await client.ReadToEndAsync().DefaultTimeout();
        Assert.Equal(CloseReason.ConnectionLost, (await handler.WebSocket.Closed.Task.DefaultTimeout()).Reason);
    }

    [Fact]
    public async Task Epoll_EndedConnections_LeaveNoRegistrationBehind()
    {
        if (!IsAvailable(TransportIoEngine.Epoll))
        {
            return;
        }

        const int Loops = 5; // an engine of its own: sockets of tests running alongside are not counted
        IoThreads<EpollLoop> engine = EpollEngine.TryGet(Loops, out _)!;
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler,
            new TransportOptions { IoEngine = TransportIoEngine.Epoll, EpollLoops = Loops });
        var clients = new ClientWebSocket[30];
        try
        {
            for (int i = 0; i < clients.Length; i++)
            {
                clients[i] = new ClientWebSocket();
                await clients[i].ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();
            }

            Assert.Equal(clients.Length, engine.Threads.Sum(loop => loop.Registered));

            // A third close cleanly, a third vanish without a Close, the rest are closed by the server's stop.
            for (int i = 0; i < 10; i++)
            {
                await clients[i].CloseAsync(WebSocketCloseStatus.NormalClosure, null, default).DefaultTimeout();
                clients[i + 10].Abort();
            }

            await listener.StopAsync(1001, "done", CancellationToken.None).DefaultTimeout();
            Assert.Equal(0, listener.ActiveConnections);
            Assert.Equal(0, engine.Threads.Sum(loop => loop.Registered));
        }
        finally
        {
            foreach (ClientWebSocket client in clients)
            {
                client?.Dispose();
            }
        }
    }

    internal static bool IsAvailable(TransportIoEngine engine) => engine switch
    {
        TransportIoEngine.IoUring => s_uringAvailable,
        TransportIoEngine.Epoll => EpollEngine.TryGet(1, out _) is not null,
        _ => true,
    };

    private static ArenaListener Start(TestRequestHandler handler, TransportIoEngine engine)
        => TestListener.Start(handler, new TransportOptions { IoEngine = engine });
}
