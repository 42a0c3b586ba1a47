using System.Buffers.Binary;
using System.Text;
using ArenaServer.Tests;
using ArenaServer.Transport.Tests.Infrastructure;

namespace ArenaServer.Transport.Tests;

/// <summary>RFC 6455 behaviour of the read loop against a raw client, grouped like Autobahn's fuzzingclient.</summary>
public sealed class WebSocketConnectionTests
{
    private const byte Continuation = 0x0;
    private const byte Text = 0x1;
    private const byte Binary = 0x2;
    private const byte Close = 0x8;
    private const byte Ping = 0x9;
    private const byte Pong = 0xA;

    [Fact]
    public async Task Ping_BetweenFragments_PongAtOnceThenWholeMessage()
    {
        await using var fixture = await Fixture.StartAsync();
        await fixture.Client.SendFrameAsync(Text, "Hel"u8, fin: false);
        await fixture.Client.SendFrameAsync(Ping, "probe"u8);

        (byte Opcode, bool Fin, byte[] Payload)? pong = await fixture.Client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal(Pong, pong!.Value.Opcode);
        Assert.Equal("probe"u8.ToArray(), pong.Value.Payload);

        await fixture.Client.SendFrameAsync(Continuation, "lo"u8, fin: true);
        (byte Opcode, bool Fin, byte[] Payload)? echo = await fixture.Client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal(Text, echo!.Value.Opcode);
        Assert.Equal("Hello", Encoding.UTF8.GetString(echo.Value.Payload));
    }

    [Fact]
    public async Task Ping_125BytePayload_PongCarriesSamePayload()
    {
        await using var fixture = await Fixture.StartAsync();
        byte[] payload = Enumerable.Range(0, 125).Select(i => (byte)i).ToArray();
        await fixture.Client.SendFrameAsync(Ping, payload);
        (byte Opcode, bool Fin, byte[] Payload)? pong = await fixture.Client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal(Pong, pong!.Value.Opcode);
        Assert.Equal(payload, pong.Value.Payload);
    }

    [Fact]
    public async Task UnsolicitedPong_Ignored_ConnectionKeepsEchoing()
    {
        await using var fixture = await Fixture.StartAsync();
        await fixture.Client.SendFrameAsync(Pong, "unasked"u8);
        await fixture.Client.SendFrameAsync(Binary, [1, 2, 3]);
        (byte Opcode, bool Fin, byte[] Payload)? echo = await fixture.Client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal(Binary, echo!.Value.Opcode);
        Assert.Equal(new byte[] { 1, 2, 3 }, echo.Value.Payload);
    }

    [Fact]
    public async Task Fragments_OneBytePerFrame_DeliveredWhole()
    {
        await using var fixture = await Fixture.StartAsync();
        byte[] text = Encoding.UTF8.GetBytes("añb€");
        for (int i = 0; i < text.Length; i++)
        {
            await fixture.Client.SendFrameAsync(i == 0 ? Text : Continuation, text.AsSpan(i, 1), fin: i == text.Length - 1);
        }

        (byte Opcode, bool Fin, byte[] Payload)? echo = await fixture.Client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal(text, echo!.Value.Payload);
        Assert.Single(fixture.Handler.WebSocket.Messages);
    }

    [Fact]
    public async Task EmptyTextMessage_EchoedEmpty()
    {
        await using var fixture = await Fixture.StartAsync();
        await fixture.Client.SendFrameAsync(Text, []);
        (byte Opcode, bool Fin, byte[] Payload)? echo = await fixture.Client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal(Text, echo!.Value.Opcode);
        Assert.Empty(echo.Value.Payload);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "20")]
    public async Task UnmaskedClientFrame_Closes1002()
        => await AssertClosedWithAsync(c => c.SendFrameAsync(Text, "x"u8, mask: false), 1002, CloseReason.ProtocolError);

    [Fact]
    public async Task RsvBitSet_Closes1002()
        => await AssertClosedWithAsync(c => c.SendFrameAsync(Text, "x"u8, rsv: 0x40), 1002, CloseReason.ProtocolError);

    [Fact]
    public async Task ReservedOpcode_Closes1002()
        => await AssertClosedWithAsync(c => c.SendFrameAsync(0x3, "x"u8), 1002, CloseReason.ProtocolError);

    [Fact]
    public async Task ContinuationWithoutMessage_Closes1002()
        => await AssertClosedWithAsync(c => c.SendFrameAsync(Continuation, "x"u8), 1002, CloseReason.ProtocolError);

    [Fact]
    public async Task NewMessageInsideFragmentedMessage_Closes1002()
        => await AssertClosedWithAsync(async c =>
        {
            await c.SendFrameAsync(Text, "a"u8, fin: false);
            await c.SendFrameAsync(Text, "b"u8);
        }, 1002, CloseReason.ProtocolError);

    [Fact, Trait("Category", "Security"), Trait("CWE", "20")]
    public async Task FragmentedPing_Closes1002()
        => await AssertClosedWithAsync(c => c.SendFrameAsync(Ping, "x"u8, fin: false), 1002, CloseReason.ProtocolError);

    [Fact]
    public async Task InvalidUtf8_FirstFragment_Closes1007WithoutWaitingForTheRest()
        => await AssertClosedWithAsync(c => c.SendFrameAsync(Text, [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xF4, 0x90, 0x80, 0x80], fin: false),
            1007, CloseReason.InvalidUtf8);

    [Fact]
    public async Task TextEndingMidCharacter_Closes1007()
        => await AssertClosedWithAsync(async c =>
        {
            await c.SendFrameAsync(Text, [0xE2, 0x82], fin: false);
            await c.SendFrameAsync(Continuation, [], fin: true);
        }, 1007, CloseReason.InvalidUtf8);

    [Fact]
    public async Task InvalidUtf8_WholeSingleFrame_Closes1007()
        => await AssertClosedWithAsync(c => c.SendFrameAsync(Text, [(byte)'a', 0xFF, (byte)'b']), 1007, CloseReason.InvalidUtf8);

    [Fact]
    public async Task TextSpanningPipeSegments_MultiByteCharactersAcrossBoundaries_EchoedIntact()
    {
        await using var fixture = await Fixture.StartAsync();
        byte[] text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("a€𝄞ñ", 1000))); // 10 000 bytes, several 4 KiB segments
        await fixture.Client.SendFrameAsync(Text, text);
        (byte Opcode, bool Fin, byte[] Payload)? echo = await fixture.Client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal(Text, echo!.Value.Opcode);
        Assert.Equal(text, echo.Value.Payload);
    }

    [Fact]
    public async Task ClientClose_BetweenFragments_EchoedAndMessageDropped()
    {
        await using var fixture = await Fixture.StartAsync();
        await fixture.Client.SendFrameAsync(Text, "part"u8, fin: false);
        await fixture.Client.SendFrameAsync(Close, [0x03, 0xE8]);
        (bool received, ushort? code) = await fixture.Client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal((ushort)1000, code);
        Assert.True(await fixture.Client.WaitForServerCloseAsync().DefaultTimeout());
        Assert.Empty(fixture.Handler.WebSocket.Messages);
    }

    [Fact]
    public async Task ManyPingsInARow_EachAnsweredInOrder()
    {
        await using var fixture = await Fixture.StartAsync();
        for (byte i = 0; i < 10; i++)
        {
            await fixture.Client.SendFrameAsync(Ping, [i]);
        }

        for (byte i = 0; i < 10; i++)
        {
            (byte Opcode, bool Fin, byte[] Payload)? pong = await fixture.Client.ReceiveFrameAsync().DefaultTimeout();
            Assert.Equal(Pong, pong!.Value.Opcode);
            Assert.Equal(new[] { i }, pong.Value.Payload);
        }
    }

    [Fact]
    public async Task DataAfterClientClose_NotDelivered()
    {
        await using var fixture = await Fixture.StartAsync();
        byte[] both = [.. RawWebSocketClient.EncodeFrame(Close, [0x03, 0xE8]), .. RawWebSocketClient.EncodeFrame(Text, "late"u8)];
        await fixture.Client.SendAsync(both);
        (bool received, ushort? code) = await fixture.Client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal((ushort)1000, code);
        await fixture.Handler.WebSocket.Closed.Task.DefaultTimeout();
        Assert.Empty(fixture.Handler.WebSocket.Messages);
    }

    [Fact]
    public async Task MessageThenBadFrameInOneWrite_EchoSentBeforeClose1002()
    {
        await using var fixture = await Fixture.StartAsync();
        byte[] both = [.. RawWebSocketClient.EncodeFrame(Text, "first"u8), .. RawWebSocketClient.EncodeFrame(0x5, [])];
        await fixture.Client.SendAsync(both);

        (byte Opcode, bool Fin, byte[] Payload)? echo = await fixture.Client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal(Text, echo!.Value.Opcode);
        Assert.Equal("first"u8.ToArray(), echo.Value.Payload);
        (bool received, ushort? code) = await fixture.Client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal((ushort)1002, code);
    }

    [Fact]
    public async Task MessageThenClientCloseInOneWrite_EchoSentBeforeCloseReply()
    {
        await using var fixture = await Fixture.StartAsync();
        byte[] both = [.. RawWebSocketClient.EncodeFrame(Text, "bye"u8), .. RawWebSocketClient.EncodeFrame(Close, [0x03, 0xE8])];
        await fixture.Client.SendAsync(both);

        (byte Opcode, bool Fin, byte[] Payload)? echo = await fixture.Client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal("bye"u8.ToArray(), echo!.Value.Payload);
        (bool received, ushort? code) = await fixture.Client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal((ushort)1000, code);
        Assert.True(await fixture.Client.WaitForServerCloseAsync().DefaultTimeout());
    }

    [Fact]
    public async Task ClientClose_ValidCode_EchoedThenServerClosesTcp()
    {
        await using var fixture = await Fixture.StartAsync();
        byte[] payload = [0x0B, 0xB8, (byte)'o', (byte)'k']; // 3000 "ok"
        await fixture.Client.SendFrameAsync(Close, payload);

        (bool received, ushort? code) = await fixture.Client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal((ushort)3000, code);
        Assert.True(await fixture.Client.WaitForServerCloseAsync().DefaultTimeout());
        Assert.Equal(new WebSocketCloseInfo(CloseReason.ClientClosed, 3000, "ok"), await fixture.Handler.WebSocket.Closed.Task.DefaultTimeout());
    }

    [Fact]
    public async Task ClientClose_Empty_RepliedWithEmptyClose()
    {
        await using var fixture = await Fixture.StartAsync();
        await fixture.Client.SendFrameAsync(Close, []);
        (byte Opcode, bool Fin, byte[] Payload)? reply = await fixture.Client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal(Close, reply!.Value.Opcode);
        Assert.Empty(reply.Value.Payload);
        Assert.True(await fixture.Client.WaitForServerCloseAsync().DefaultTimeout());
    }

    [Theory]
    [InlineData(new byte[] { 0x03 })]            // one byte
    [InlineData(new byte[] { 0x03, 0xED })]      // 1005 may never be sent
    [InlineData(new byte[] { 0x03, 0xE7 })]      // 999
    [InlineData(new byte[] { 0x13, 0x88 })]      // 5000
    public async Task ClientClose_InvalidPayload_Replies1002(byte[] payload)
        => await AssertClosedWithAsync(c => c.SendFrameAsync(Close, payload), 1002, CloseReason.ProtocolError, replyClose: false);

    [Fact]
    public async Task ClientClose_ReasonNotUtf8_Replies1007()
        => await AssertClosedWithAsync(c => c.SendFrameAsync(Close, [0x03, 0xE8, 0xFF]), 1007, CloseReason.InvalidUtf8, replyClose: false);

    [Fact]
    public async Task DataAfterProtocolError_Ignored_ClientCloseEndsPromptly()
    {
        await using var fixture = await Fixture.StartAsync();
        await fixture.Client.SendFrameAsync(Text, "x"u8, mask: false);
        await fixture.Client.SendFrameAsync(Text, "ignored"u8);
        (bool received, ushort? code) = await fixture.Client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal((ushort)1002, code);
        await fixture.Client.SendFrameAsync(Close, [0x03, 0xEA]);

        Assert.True(await fixture.Client.WaitForServerCloseAsync().DefaultTimeout());
        Assert.Empty(fixture.Handler.WebSocket.Messages);
    }

    [Fact]
    public async Task HandlerThrows_Closes1011()
    {
        var handler = new TestRequestHandler { Custom = new ThrowingHandler() };
        await using ArenaListener listener = TestListener.Start(handler);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        await client.SendFrameAsync(Text, "boom"u8);
        (bool received, ushort? code) = await client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal((ushort)1011, code);
    }

    [Fact]
    public async Task Handshake_MissingKey_Answers400()
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        await client.SendAsync("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n"u8.ToArray());
        string response = await client.ReadToEndAsync().DefaultTimeout();
        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public async Task RequestHead_TooLarge_Answers431()
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { MaxRequestHeadSize = 1024 });
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        await client.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nX-Big: " + new string('a', 2000) + "\r\n\r\n"));
        string response = await client.ReadToEndAsync().DefaultTimeout();
        Assert.StartsWith("HTTP/1.1 431", response, StringComparison.Ordinal);
        Assert.False(handler.Requests.Task.IsCompleted);
    }

    [Fact]
    public async Task PostBody_ContentLength_ReadWhole()
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        await client.SendAsync("POST /api HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n"u8.ToArray());
        await client.SendAsync("hello"u8.ToArray());
        string response = await client.ReadToEndAsync().DefaultTimeout();
        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nhello", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Content-Length: 5000", "413")]
    [InlineData("Transfer-Encoding: chunked", "411")]
    public async Task PostBody_TooLargeOrChunked_AnsweredByTransport(string header, string status)
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        await client.SendAsync(Encoding.ASCII.GetBytes($"POST /api HTTP/1.1\r\nHost: x\r\n{header}\r\n\r\n"));
        string response = await client.ReadToEndAsync().DefaultTimeout();
        Assert.StartsWith($"HTTP/1.1 {status}", response, StringComparison.Ordinal);
    }

    private static async Task AssertClosedWithAsync(Func<RawWebSocketClient, Task> act, ushort expectedCode, CloseReason expectedReason,
        bool replyClose = true)
    {
        await using var fixture = await Fixture.StartAsync();
        await act(fixture.Client);
        (bool received, ushort? code) = await fixture.Client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received, "expected a Close frame, not a bare TCP drop");
        Assert.Equal(expectedCode, code);
        if (replyClose)
        {
            byte[] reply = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(reply, expectedCode);
            await fixture.Client.SendFrameAsync(Close, reply);
        }

        Assert.True(await fixture.Client.WaitForServerCloseAsync().DefaultTimeout());
        WebSocketCloseInfo info = await fixture.Handler.WebSocket.Closed.Task.DefaultTimeout();
        Assert.Equal(expectedReason, info.Reason);
        Assert.Equal(expectedCode, info.Code);
        Assert.Empty(fixture.Handler.WebSocket.Messages);
    }

    private sealed class ThrowingHandler : IWebSocketHandler
    {
        public void OnMessage(WebSocketConnection connection, WebSocketMessageType type, System.Buffers.ReadOnlySequence<byte> payload)
            => throw new InvalidOperationException("handler bug");
    }

    private sealed class Fixture : IAsyncDisposable
    {
        private Fixture(ArenaListener listener, TestRequestHandler handler, RawWebSocketClient client)
        {
            Listener = listener;
            Handler = handler;
            Client = client;
        }

        public ArenaListener Listener { get; }

        public TestRequestHandler Handler { get; }

        public RawWebSocketClient Client { get; }

        public static async Task<Fixture> StartAsync()
        {
            var handler = new TestRequestHandler();
            ArenaListener listener = TestListener.Start(handler);
            RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
            return new Fixture(listener, handler, client);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Listener.DisposeAsync();
        }
    }
}
