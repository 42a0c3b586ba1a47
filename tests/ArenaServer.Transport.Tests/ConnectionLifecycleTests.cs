using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using ArenaServer.Tests;
using ArenaServer.Transport.Tests.Infrastructure;
using ArenaCloseReason = ArenaServer.Transport.CloseReason;

namespace ArenaServer.Transport.Tests;

/// <summary>Every way a connection can end is reported exactly once, and no connection slot leaks.</summary>
public sealed class ConnectionLifecycleTests
{
    [Fact]
    public async Task ClientResetsTcp_ReportedAsConnectionLostWithoutCode()
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler);
        RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        await handler.WebSocket.Opened.Task.DefaultTimeout();

        client.Socket.LingerState = new LingerOption(true, 0); // close with RST
        client.Dispose();

        WebSocketCloseInfo info = await handler.WebSocket.Closed.Task.DefaultTimeout();
        Assert.Equal(new WebSocketCloseInfo(ArenaCloseReason.ConnectionLost, null, null), info);
    }

    [Fact]
    public async Task HandshakeAndFirstFrameInOneWrite_FrameProcessed()
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        byte[] request = Encoding.ASCII.GetBytes($"GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n");
        await client.SendAsync([.. request, .. RawWebSocketClient.EncodeFrame(0x1, "early"u8)]);

        Assert.StartsWith("HTTP/1.1 101", await client.ReadHttpHeadAsync().DefaultTimeout(), StringComparison.Ordinal);
        (byte Opcode, bool Fin, byte[] Payload)? echo = await client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal("early"u8.ToArray(), echo!.Value.Payload);
    }

    [Fact]
    public async Task ManyConnectionsEndingDifferently_EachOnClosedOnce_NoSlotLeaks()
    {
        const int PerKind = 5;
        var handler = new TestRequestHandler();
        ArenaListener listener = TestListener.Start(handler);
        await using (listener)
        {
            var closes = new List<Task>();
            for (int i = 0; i < PerKind; i++)
            {
                // Clean client close.
                var ws = new ClientWebSocket();
                await ws.ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();
                closes.Add(ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, default).ContinueWith(_ => ws.Dispose(), TaskScheduler.Default));

                // Protocol error.
                RawWebSocketClient bad = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
                await bad.SendFrameAsync(0x1, "x"u8, mask: false);
                Assert.Equal((ushort)1002, (await bad.ReceiveCloseAsync().DefaultTimeout()).Code);
                bad.Dispose();

                // Abrupt drop.
                RawWebSocketClient gone = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
                gone.Dispose();

                // Plain HTTP.
                using RawWebSocketClient http = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
                await http.SendAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
                Assert.StartsWith("HTTP/1.1 200", await http.ReadToEndAsync().DefaultTimeout(), StringComparison.Ordinal);
            }

            await Task.WhenAll(closes).DefaultTimeout();
            await listener.StopAsync(1001, "done", CancellationToken.None).DefaultTimeout();

            Assert.Equal(0, listener.ActiveConnections);
            Assert.Equal(3 * PerKind, handler.WebSocket.ClosedCount);
            Assert.Equal(3 * PerKind, handler.WebSocket.Connections.Count);
            Assert.All(handler.WebSocket.Connections, c => Assert.True(c.Completion.IsCompletedSuccessfully));
        }
    }

    [Fact]
    public async Task HttpHandlerThrows_Answers500AndFreesSlot()
    {
        await using ArenaListener listener = TestListener.Start(new ThrowingRequestHandler());
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        await client.SendAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
        Assert.StartsWith("HTTP/1.1 500", await client.ReadToEndAsync().DefaultTimeout(), StringComparison.Ordinal);
        await listener.StopAsync(1001, "done", CancellationToken.None).DefaultTimeout();
        Assert.Equal(0, listener.ActiveConnections);
    }

    [Fact]
    public async Task HttpHandlerAnswersNothing_Answers404()
    {
        await using ArenaListener listener = TestListener.Start(new SilentRequestHandler());
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        await client.SendAsync("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
        Assert.StartsWith("HTTP/1.1 404", await client.ReadToEndAsync().DefaultTimeout(), StringComparison.Ordinal);
    }

    private sealed class ThrowingRequestHandler : IHttpRequestHandler
    {
        public ValueTask HandleAsync(HttpRequestContext context, CancellationToken cancellationToken)
            => throw new InvalidOperationException("router bug");
    }

    private sealed class SilentRequestHandler : IHttpRequestHandler
    {
        public ValueTask HandleAsync(HttpRequestContext context, CancellationToken cancellationToken) => default;
    }
}
