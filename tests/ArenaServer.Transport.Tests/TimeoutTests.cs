using System.Buffers.Binary;
using ArenaServer.Tests;
using ArenaServer.Transport.Tests.Infrastructure;

namespace ArenaServer.Transport.Tests;

/// <summary>Heartbeat-enforced timeouts, driven by a <see cref="ManualClock"/> (CONVENTIONS.md §43).</summary>
public sealed class TimeoutTests
{
    private const byte Ping = 0x9;
    private const byte Pong = 0xA;
    private const byte Close = 0x8;

    [Fact, Trait("Category", "Security"), Trait("CWE", "400")]
    public async Task HandshakeTimeout_SlowRequestHead_SocketDropped()
    {
        var clock = new ManualClock();
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, time: clock);
        Task<ConnectionId> accepted = listener.NextConnectionAsync();
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        await client.SendAsync("GET /echo HTTP/1.1\r\nHost: x\r\n"u8.ToArray());
        await accepted.DefaultTimeout();

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(1, listener.ActiveConnections);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await client.WaitForServerCloseAsync().DefaultTimeout());
        Assert.False(handler.Requests.Task.IsCompleted);
    }

    [Fact]
    public async Task PingInterval_Elapsed_SendsPingWithEightByteNonce_MatchingPongGivesRtt()
    {
        var clock = new ManualClock();
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, time: clock);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();

        clock.Advance(TimeSpan.FromSeconds(2));
        (byte Opcode, bool Fin, byte[] Payload)? ping = await client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal(Ping, ping!.Value.Opcode);
        Assert.Equal(8, ping.Value.Payload.Length);

        clock.Advance(TimeSpan.FromMilliseconds(30));
        await client.SendFrameAsync(Pong, ping.Value.Payload);
        TimeSpan rtt = await handler.WebSocket.RoundTrip.Task.DefaultTimeout();

        Assert.Equal(TimeSpan.FromMilliseconds(30), rtt);
        Assert.Equal(rtt, connection.LastRoundTripTime);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "345")]
    public async Task PongTimeout_ForgedPongIgnored_DroppedWithPingTimeout()
    {
        var clock = new ManualClock();
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, time: clock);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();

        clock.Advance(TimeSpan.FromSeconds(2));
        (byte Opcode, bool Fin, byte[] Payload)? ping = await client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal(Ping, ping!.Value.Opcode);

        // A pong with the wrong nonce (an early, forged answer) must not count.
        byte[] forged = (byte[])ping.Value.Payload.Clone();
        forged[0] ^= 0xFF;
        await client.SendFrameAsync(Pong, forged);
        await client.SendFrameAsync(0x1, "sync"u8);
        (byte Opcode, bool Fin, byte[] Payload)? echo = await client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal("sync"u8.ToArray(), echo!.Value.Payload); // the read loop has processed the forged pong
        Assert.Null(connection.LastRoundTripTime);

        // The echo's bytes can reach us before the server has reaped its send's completion (io_uring); a clock jump
        // in between would find that send pending for 10 s and close for a slow consumer instead.
        Assert.True(SpinWait.SpinUntil(() => !connection.IsFlushPending, TaskTimeoutExtensions.DefaultTimeoutValue));

        clock.Advance(TimeSpan.FromSeconds(10));
        WebSocketCloseInfo info = await handler.WebSocket.Closed.Task.DefaultTimeout();

        Assert.Equal(new WebSocketCloseInfo(CloseReason.PingTimeout, null, null), info);
        Assert.True(await client.WaitForServerCloseAsync().DefaultTimeout());
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public async Task MaxMessageSize_HeaderOnly_Closes1009BeforePayloadIsSent()
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { MaxMessageSize = 1024 });
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);

        byte[] frame = RawWebSocketClient.EncodeFrame(0x2, [], declaredLength: 1024 * 1024);
        await client.SendAsync(frame); // header (and mask) only: the payload never comes

        (bool received, ushort? code) = await client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal((ushort)1009, code);
        await client.SendFrameAsync(Close, [0x03, 0xF1]);
        WebSocketCloseInfo info = await handler.WebSocket.Closed.Task.DefaultTimeout();
        Assert.Equal(CloseReason.MessageTooBig, info.Reason);
        Assert.Empty(handler.WebSocket.Messages);
    }

    [Fact]
    public async Task ServerClose_NoReply_WaitsCloseTimeoutThenDropsTcp()
    {
        var clock = new ManualClock();
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, time: clock);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();

        connection.Close(1000, "done");
        (bool received, ushort? code) = await client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal((ushort)1000, code);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(connection.Completion.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        await connection.Completion.DefaultTimeout();
        Assert.True(await client.WaitForServerCloseAsync().DefaultTimeout());
        Assert.Equal(new WebSocketCloseInfo(CloseReason.ServerClosed, 1000, "done"), await handler.WebSocket.Closed.Task.DefaultTimeout());
    }

    [Fact]
    public async Task ServerClose_ClientReplies_ServerClosesTcpFirst()
    {
        var clock = new ManualClock();
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, time: clock);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();

        connection.Close(4001, "draining");
        (bool received, ushort? code) = await client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal((ushort)4001, code);
        byte[] reply = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(reply, 4001);
        await client.SendFrameAsync(Close, reply);

        // No clock movement: the reply alone completes the handshake and the server closes TCP (RFC 6455 §7.1.1).
        Assert.True(await client.WaitForServerCloseAsync().DefaultTimeout());
        await connection.Completion.DefaultTimeout();
    }

    [Fact]
    public async Task StopAsync_ClientNeverReplies_AbortedAfterCloseTimeout()
    {
        var clock = new ManualClock();
        var handler = new TestRequestHandler();
        ArenaListener listener = TestListener.Start(handler, time: clock);
        await using (listener)
        {
            using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
            await handler.WebSocket.Opened.Task.DefaultTimeout();

            Task stop = listener.StopAsync(1001, "bye", CancellationToken.None);
            (bool received, ushort? code) = await client.ReceiveCloseAsync().DefaultTimeout();
            Assert.True(received);
            Assert.Equal((ushort)1001, code);
            Assert.False(stop.IsCompleted);

            clock.Advance(TimeSpan.FromSeconds(2));

            await stop.DefaultTimeout();
            Assert.True(await client.WaitForServerCloseAsync().DefaultTimeout());
            Assert.Equal(new WebSocketCloseInfo(CloseReason.Shutdown, 1001, "bye"), await handler.WebSocket.Closed.Task.DefaultTimeout());
            Assert.Equal(0, listener.ActiveConnections);
        }
    }
}
