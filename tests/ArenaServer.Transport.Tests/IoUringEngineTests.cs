using System.Net;
using System.Net.WebSockets;
using System.Text;
using ArenaServer.Transport.Internal.Uring;
using ArenaServer.Transport.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using SystemMessageType = System.Net.WebSockets.WebSocketMessageType;

namespace ArenaServer.Transport.Tests;

/// <summary>The io_uring engine with a real BCL client: echo, a message larger than the socket buffers (partial
/// sends resubmitted), both close directions, and many connections on one ring. CI also runs the transport,
/// conformance and functional suites on it (<c>ARENA_TEST_IO_ENGINE=IoUring</c>); these tests pin the engine
/// whatever that variable says.</summary>
public sealed class IoUringEngineTests
{
    private static readonly bool s_available = UringEngine.TryGet(1, out _) is not null;

    [Fact]
    public async Task IoUring_WhereUnavailable_ListenerRefusesToStartNamingTheKey()
    {
        if (s_available)
        {
            await using ArenaListener listener = Start(new TestRequestHandler());
            Assert.Equal(TransportIoEngine.IoUring, listener.IoEngine);
            return;
        }

        var error = Assert.Throws<InvalidOperationException>(() => Start(new TestRequestHandler()));
        Assert.Contains("Arena:Transport:IoEngine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_UsesIoUringExactlyWhereAvailable()
    {
        // Not through TestListener, which lets ARENA_TEST_IO_ENGINE replace the default engine.
        await using var listener = new ArenaListener(new IPEndPoint(IPAddress.Loopback, 0), new TransportOptions { IoEngine = TransportIoEngine.Auto },
            new TestRequestHandler(), NullLoggerFactory.Instance, TimeProvider.System);
        listener.Start();
        Assert.Equal(s_available ? TransportIoEngine.IoUring : TransportIoEngine.Sockets, listener.IoEngine);
    }

    [Fact]
    public async Task ClientWebSocket_EchoesTextBinaryAndFourMegabytes_ThenClosesCleanly()
    {
        if (!s_available)
        {
            return; // the refusal is the behaviour there (above)
        }

        var handler = new TestRequestHandler { MaxMessageSize = 8 * 1024 * 1024 };
        await using ArenaListener listener = Start(handler);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();

        await client.SendAsync("hello"u8.ToArray(), SystemMessageType.Text, true, default).DefaultTimeout();
        Assert.Equal("hello", Encoding.UTF8.GetString((await ArenaListenerTests.ReceiveAsync(client)).Payload));

        // Larger than the loopback socket buffers: the server's send is partial and resubmitted, the client reads
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

    [Fact]
    public async Task ServerClose_And_Abort_EndParkedReceives()
    {
        if (!s_available)
        {
            return;
        }

        var handler = new TestRequestHandler();
        await using ArenaListener listener = Start(handler);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();

        // The server's receive is parked in the ring; a close must still complete both directions.
        connection.Close(4005, "redirect");
        byte[] buffer = new byte[64];
        WebSocketReceiveResult close = await client.ReceiveAsync(buffer, default).DefaultTimeout();
        Assert.Equal(SystemMessageType.Close, close.MessageType);
        Assert.Equal((WebSocketCloseStatus)4005, client.CloseStatus);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, default).DefaultTimeout();
        Assert.Equal(CloseReason.ServerClosed, (await handler.WebSocket.Closed.Task.DefaultTimeout()).Reason);
        await connection.Completion.DefaultTimeout();
        Assert.Equal(0, listener.ActiveConnections);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task TwoHundredConnections_EchoConcurrently_SpreadOverTheRings(int rings)
    {
        if (!s_available)
        {
            return;
        }

        await using ArenaListener listener = TestListener.Start(new TestRequestHandler(),
            new TransportOptions { IoEngine = TransportIoEngine.IoUring, IoUringRings = rings });
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

    private static ArenaListener Start(TestRequestHandler handler)
        => TestListener.Start(handler, new TransportOptions { IoEngine = TransportIoEngine.IoUring });
}
