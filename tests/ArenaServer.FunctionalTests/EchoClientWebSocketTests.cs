using System.Net.WebSockets;
using System.Text;
using ArenaServer.FunctionalTests.Infrastructure;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests;

/// <summary>The <c>/echo</c> endpoint against the BCL's <see cref="ClientWebSocket"/>, an independent RFC 6455 client.</summary>
public sealed class EchoClientWebSocketTests : IAsyncLifetime
{
    private TestArenaServer _server = null!;
    private CapturingLoggerProvider _logs = null!;

    public async Task InitializeAsync() => (_server, _logs) = await EchoServer.StartAsync();

    public Task DisposeAsync() => _server.DisposeAsync().AsTask().DefaultTimeout();

    [Fact]
    public async Task Echo_TextAndBinary_EchoedUnchangedThenClosed1000OnBothSides()
    {
        using var client = new ClientWebSocket();
        await client.ConnectAsync(_server.GetWebSocketUri("/echo"), CancellationToken.None).DefaultTimeout();
        byte[] text = Encoding.UTF8.GetBytes("héllo, arena ☃ 🎮");
        byte[] binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await client.SendAsync(text, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).DefaultTimeout();
        (WebSocketMessageType textType, byte[] textEcho) = await client.ReceiveMessageAsync();
        await client.SendAsync(binary, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).DefaultTimeout();
        (WebSocketMessageType binaryType, byte[] binaryEcho) = await client.ReceiveMessageAsync();
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).DefaultTimeout();
        (string serverReason, ushort? serverCode) = await _logs.WaitForServerCloseAsync();

        Assert.Null(client.SubProtocol);
        Assert.Equal(WebSocketMessageType.Text, textType);
        Assert.Equal(text, textEcho);
        Assert.Equal(WebSocketMessageType.Binary, binaryType);
        Assert.Equal(binary, binaryEcho);
        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        Assert.Equal("ClientClosed", serverReason);
        Assert.Equal((ushort)1000, serverCode);
    }

    [Fact]
    public async Task Echo_ClientOffersSubprotocols_ServerSelectsNone()
    {
        using var client = new ClientWebSocket();
        client.Options.AddSubProtocol("arena.v1.msgpack");
        client.Options.AddSubProtocol("chat");

        await client.ConnectAsync(_server.GetWebSocketUri("/echo"), CancellationToken.None).DefaultTimeout();
        await client.SendAsync("x"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).DefaultTimeout();
        (_, byte[] echo) = await client.ReceiveMessageAsync();
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).DefaultTimeout();

        Assert.Null(client.SubProtocol);
        Assert.Equal("x"u8.ToArray(), echo);
    }

    [Fact]
    public async Task Echo_MessageLargerThanGameLimitAndReadBuffer_EchoedWhole()
    {
        // 1 MiB: above the game endpoint's 16 KiB MaxMessageSize and the 64 KiB read buffer, below /echo's 16 MiB.
        byte[] payload = new byte[1024 * 1024];
        new Random(6455).NextBytes(payload);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(_server.GetWebSocketUri("/echo"), CancellationToken.None).DefaultTimeout();

        await client.SendAsync(payload, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).DefaultTimeout();
        (WebSocketMessageType type, byte[] echo) = await client.ReceiveMessageAsync();
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).DefaultTimeout();

        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(payload, echo);
    }

    [Fact]
    public async Task Echo_FragmentedMessage_EchoedReassembled()
    {
        using var client = new ClientWebSocket();
        await client.ConnectAsync(_server.GetWebSocketUri("/echo"), CancellationToken.None).DefaultTimeout();

        await client.SendAsync("frag"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None).DefaultTimeout();
        await client.SendAsync("ment"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None).DefaultTimeout();
        await client.SendAsync("ed"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).DefaultTimeout();
        (WebSocketMessageType type, byte[] echo) = await client.ReceiveMessageAsync();
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).DefaultTimeout();

        Assert.Equal(WebSocketMessageType.Text, type);
        Assert.Equal("fragmented", Encoding.UTF8.GetString(echo));
    }

    [Fact]
    public async Task Echo_ManyMessages_EchoedInOrder()
    {
        const int Count = 100;
        using var client = new ClientWebSocket();
        await client.ConnectAsync(_server.GetWebSocketUri("/echo"), CancellationToken.None).DefaultTimeout();

        for (int i = 0; i < Count; i++)
        {
            byte[] message = Encoding.UTF8.GetBytes($"message {i}");
            await client.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).DefaultTimeout();
        }

        var echoes = new List<string>();
        for (int i = 0; i < Count; i++)
        {
            echoes.Add(Encoding.UTF8.GetString((await client.ReceiveMessageAsync()).Payload));
        }

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).DefaultTimeout();

        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"message {i}"), echoes);
    }

    [Fact]
    public async Task Echo_WindowedStream_EveryMessageEchoedInOrder()
    {
        // 2048 messages in windows of 64, each window sent back to back before its echoes are read. The window stays
        // under the 128-frame outbound queue: a read loop that parses a larger burst from one socket read enqueues
        // faster than the write loop drains, and the transport then closes with 4008 (see the final report).
        const int Count = 2048;
        const int Window = 64;
        using var client = new ClientWebSocket();
        await client.ConnectAsync(_server.GetWebSocketUri("/echo"), CancellationToken.None).DefaultTimeout();

        var received = new List<string>(Count);
        for (int start = 0; start < Count; start += Window)
        {
            for (int i = start; i < start + Window; i++)
            {
                byte[] message = Encoding.UTF8.GetBytes(WindowMessage(i));
                await client.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).DefaultTimeout();
            }

            for (int i = start; i < start + Window; i++)
            {
                received.Add(Encoding.UTF8.GetString((await client.ReceiveMessageAsync()).Payload));
            }
        }

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).DefaultTimeout();

        Assert.Equal(Enumerable.Range(0, Count).Select(WindowMessage), received);
    }

    [Fact]
    public async Task Echo_MessageOverEchoLimit_Closed1009()
    {
        await using TestArenaServer small = (await EchoServer.StartAsync(c => c["Arena:Conformance:EchoMaxMessageSize"] = "1024")).Server;
        using var client = new ClientWebSocket();
        await client.ConnectAsync(small.GetWebSocketUri("/echo"), CancellationToken.None).DefaultTimeout();

        await client.SendAsync(new byte[1025], WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).DefaultTimeout();
        WebSocketReceiveResult result = await client.ReceiveAsync(new byte[64], CancellationToken.None).DefaultTimeout();

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, result.CloseStatus);
    }

    [Fact]
    public async Task StopAsync_OpenConnection_ClientReceivesGoingAway1001()
    {
        using var client = new ClientWebSocket();
        await client.ConnectAsync(_server.GetWebSocketUri("/echo"), CancellationToken.None).DefaultTimeout();
        Task<WebSocketReceiveResult> receive = client.ReceiveAsync(new byte[64], CancellationToken.None);

        Task stop = _server.StopAsync();
        WebSocketReceiveResult result = await receive.DefaultTimeout();
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).DefaultTimeout();
        await stop.DefaultTimeout();

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, result.CloseStatus); // 1001 Going Away
    }

    [Fact]
    public async Task Echo_PipelinedFarBeyondQueueCapacity_AllEchoedInOrderNotClosed4008()
    {
        // 4000 messages sent back to back by one task while another reads: 30× the outbound queue capacity (128).
        // /echo pauses reading while its queue is backlogged, so TCP slows the sender instead of a 4008 close.
        const int Count = 4000;
        using var client = new ClientWebSocket();
        await client.ConnectAsync(_server.GetWebSocketUri("/echo"), CancellationToken.None).DefaultTimeout();

        Task send = Task.Run(async () =>
        {
            for (int i = 0; i < Count; i++)
            {
                await client.SendAsync(Encoding.UTF8.GetBytes($"pipelined {i}"), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        });
        var received = new List<string>(Count);
        for (int i = 0; i < Count; i++)
        {
            (_, byte[] echo) = await client.ReceiveMessageAsync();
            received.Add(Encoding.UTF8.GetString(echo));
        }

        await send.DefaultTimeout();
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).DefaultTimeout();

        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"pipelined {i}"), received);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
    }

    private static string WindowMessage(int index) => $"window message {index} {new string('x', 200)}";
}
