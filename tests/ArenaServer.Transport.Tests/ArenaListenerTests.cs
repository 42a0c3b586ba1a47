using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using ArenaServer.Tests;
using ArenaServer.Transport.Tests.Infrastructure;
using ArenaCloseReason = ArenaServer.Transport.CloseReason;
using ArenaMessageType = ArenaServer.Transport.WebSocketMessageType;
using SystemMessageType = System.Net.WebSockets.WebSocketMessageType;

namespace ArenaServer.Transport.Tests;

public sealed class ArenaListenerTests
{
    [Fact]
    public async Task ClientWebSocket_TextAndBinary_EchoedThenClientCloseEchoed()
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();

        await client.SendAsync(Encoding.UTF8.GetBytes("héllo"), SystemMessageType.Text, true, default).DefaultTimeout();
        (WebSocketReceiveResult text, byte[] textBytes) = await ReceiveAsync(client);
        Assert.Equal(SystemMessageType.Text, text.MessageType);
        Assert.Equal("héllo", Encoding.UTF8.GetString(textBytes));

        byte[] binary = [0, 1, 2, 255];
        await client.SendAsync(binary, SystemMessageType.Binary, true, default).DefaultTimeout();
        (WebSocketReceiveResult bin, byte[] binBytes) = await ReceiveAsync(client);
        Assert.Equal(SystemMessageType.Binary, bin.MessageType);
        Assert.Equal(binary, binBytes);

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", default).DefaultTimeout();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        WebSocketCloseInfo info = await handler.WebSocket.Closed.Task.DefaultTimeout();
        Assert.Equal(new WebSocketCloseInfo(ArenaCloseReason.ClientClosed, 1000, "bye"), info);
        Assert.Equal(1, handler.WebSocket.ClosedCount);
        Assert.Equal(ArenaMessageType.Text, handler.WebSocket.Messages.First().Type);
    }

    [Fact]
    public async Task ClientWebSocket_ServerCloses_ClientSeesCodeAndServerReportsServerClosed()
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();

        Assert.Equal(EnqueueResult.Enqueued, connection.TrySend(ArenaMessageType.Text, "last"u8));
        connection.Close(4005, "redirect");

        (WebSocketReceiveResult last, byte[] lastBytes) = await ReceiveAsync(client);
        Assert.Equal("last", Encoding.UTF8.GetString(lastBytes));
        Assert.Equal(SystemMessageType.Text, last.MessageType);
        (WebSocketReceiveResult close, _) = await ReceiveAsync(client);
        Assert.Equal(SystemMessageType.Close, close.MessageType);
        Assert.Equal((WebSocketCloseStatus)4005, client.CloseStatus);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, default).DefaultTimeout();

        WebSocketCloseInfo info = await handler.WebSocket.Closed.Task.DefaultTimeout();
        Assert.Equal(new WebSocketCloseInfo(ArenaCloseReason.ServerClosed, 4005, "redirect"), info);
        await connection.Completion.DefaultTimeout();
        Assert.Equal(EnqueueResult.Closed, connection.TrySend(ArenaMessageType.Text, "late"u8));
    }

    [Fact]
    public async Task ClientWebSocket_LargeFragmentedMessage_EchoedWhole()
    {
        var handler = new TestRequestHandler { MaxMessageSize = 4 * 1024 * 1024 };
        await using ArenaListener listener = TestListener.Start(handler);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();
        byte[] payload = new byte[3 * 1024 * 1024];
        new Random(42).NextBytes(payload);

        for (int offset = 0; offset < payload.Length; offset += 100_000)
        {
            int count = Math.Min(100_000, payload.Length - offset);
            await client.SendAsync((ReadOnlyMemory<byte>)payload.AsMemory(offset, count), SystemMessageType.Binary, offset + count == payload.Length, default).DefaultTimeout();
        }

        (WebSocketReceiveResult result, byte[] echoed) = await ReceiveAsync(client);
        Assert.Equal(SystemMessageType.Binary, result.MessageType);
        Assert.Equal(payload, echoed);
    }

    [Fact]
    public async Task IPv6Loopback_ClientWebSocket_Echoes()
    {
        if (!Socket.OSSupportsIPv6 || !HasIPv6Loopback())
        {
            return; // the one allowed skip: this machine has no IPv6 loopback
        }

        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, address: IPAddress.IPv6Loopback);
        Assert.Equal(AddressFamily.InterNetworkV6, listener.LocalEndPoint.AddressFamily);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();
        await client.SendAsync("v6"u8.ToArray(), SystemMessageType.Text, true, default).DefaultTimeout();
        (_, byte[] echoed) = await ReceiveAsync(client);
        Assert.Equal("v6", Encoding.UTF8.GetString(echoed));
    }

    [Fact]
    public async Task IPv6Any_DualMode_AcceptsIPv4Client()
    {
        if (!Socket.OSSupportsIPv6 || !HasIPv6Loopback())
        {
            return; // the one allowed skip: this machine has no IPv6 loopback
        }

        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, address: IPAddress.IPv6Any);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{listener.LocalEndPoint.Port}/echo"), CancellationToken.None).DefaultTimeout();
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task PlainHttp_Get_Answers200AndCloses()
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        await client.SendAsync("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
        string response = await client.ReadToEndAsync().DefaultTimeout();
        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.EndsWith("hello", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxConnections_Exceeded_Answers503()
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { MaxConnections = 1 });
        Task<ConnectionId> first = listener.NextConnectionAsync();
        using RawWebSocketClient holder = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        await first.DefaultTimeout();

        using RawWebSocketClient rejected = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        string response = await rejected.ReadToEndAsync().DefaultTimeout();
        Assert.StartsWith("HTTP/1.1 503", response, StringComparison.Ordinal);
        Assert.Equal(1, listener.ActiveConnections);
    }

    [Fact]
    public async Task StopAsync_OpenWebSockets_ClosedWith1001()
    {
        var handler = new TestRequestHandler();
        ArenaListener listener = TestListener.Start(handler);
        await using (listener)
        {
            using var client = new ClientWebSocket();
            await client.ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();
            await handler.WebSocket.Opened.Task.DefaultTimeout();
            Task<(WebSocketReceiveResult, byte[])> receive = ReceiveAsync(client);

            await listener.StopAsync(1001, "going away", CancellationToken.None).DefaultTimeout();

            (WebSocketReceiveResult result, _) = await receive.DefaultTimeout();
            Assert.Equal(SystemMessageType.Close, result.MessageType);
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
            WebSocketCloseInfo info = await handler.WebSocket.Closed.Task.DefaultTimeout();
            Assert.Equal(ArenaCloseReason.Shutdown, info.Reason);
            Assert.Equal((ushort)1001, info.Code);
            Assert.Equal(0, listener.ActiveConnections);
        }
    }

    internal static async Task<(WebSocketReceiveResult Result, byte[] Payload)> ReceiveAsync(ClientWebSocket client)
    {
        using var stream = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await client.ReceiveAsync(buffer, CancellationToken.None).DefaultTimeout();
            stream.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result, stream.ToArray());
            }
        }
    }

    private static bool HasIPv6Loopback()
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
