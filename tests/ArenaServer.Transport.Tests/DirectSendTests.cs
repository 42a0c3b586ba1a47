using System.Text;
using ArenaServer.Tests;
using ArenaServer.Transport.Tests.Infrastructure;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport.Tests;

/// <summary>The plain-TCP send path: frames go from the queue straight to the socket in gathered sends, and each
/// frame's buffer goes back to its pool once, only after its bytes were sent; multi-segment pipe output (HTTP
/// responses, the 101) goes out whole.</summary>
public sealed class DirectSendTests
{
    [Fact]
    public async Task TryEnqueue_MoreFramesThanOneSendTakes_AllArriveInOrder_EachBufferReturnedOnce()
    {
        const int Frames = 700; // more than one gathered send takes (256 frames): several batches
        var handler = new TestRequestHandler { WebSocket = new RecordingWebSocketHandler { Echo = false } };
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { OutboundQueueCapacity = 1024 });
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();

        var pool = new CountingArrayPool();
        for (int i = 0; i < Frames; i++)
        {
            byte[] payload = BitConverter.GetBytes(i);
            Assert.Equal(EnqueueResult.Enqueued, connection.TryEnqueue(OutboundFrame.Create(Opcode.Binary, payload, pool)));
        }

        for (int i = 0; i < Frames; i++)
        {
            (byte Opcode, bool Fin, byte[] Payload)? frame = await client.ReceiveFrameAsync().DefaultTimeout();
            Assert.Equal(i, BitConverter.ToInt32(frame!.Value.Payload));
        }

        Assert.True(SpinWait.SpinUntil(() => pool.Returned == Frames, TaskTimeoutExtensions.DefaultTimeoutValue));
        Assert.Equal(Frames, pool.Rented);
    }

    [Fact]
    public async Task TryEnqueue_SendStalledOnClientNotReading_BufferHeldUntilSent()
    {
        const int FrameSize = 256 * 1024;
        const int Frames = 40; // 10 MiB: more than the socket buffers of a client that does not read
        var handler = new TestRequestHandler { WebSocket = new RecordingWebSocketHandler { Echo = false } };
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { MaxWriteBufferSize = 1024 });
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint, receiveBufferSize: 4096);
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();

        var pool = new CountingArrayPool();
        for (int i = 0; i < Frames; i++)
        {
            byte[] payload = new byte[FrameSize];
            payload[0] = (byte)i;
            Assert.Equal(EnqueueResult.Enqueued, connection.TryEnqueue(OutboundFrame.Create(Opcode.Binary, payload, pool)));
        }

        Assert.True(SpinWait.SpinUntil(() => connection.IsFlushPending, TaskTimeoutExtensions.DefaultTimeoutValue));

        // The frame being sent is still read by the socket: its buffer must not be back in the pool yet.
        Assert.True(pool.Returned < Frames);

        for (int i = 0; i < Frames; i++)
        {
            (byte Opcode, bool Fin, byte[] Payload)? frame = await client.ReceiveFrameAsync().DefaultTimeout();
            Assert.Equal(FrameSize, frame!.Value.Payload.Length);
            Assert.Equal((byte)i, frame.Value.Payload[0]);
        }

        Assert.True(SpinWait.SpinUntil(() => pool.Returned == Frames, TaskTimeoutExtensions.DefaultTimeoutValue));
        Assert.False(connection.IsFlushPending);
    }

    [Fact]
    public async Task RespondAsync_BodySpanningManyPipeSegments_ArrivesWhole()
    {
        byte[] body = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => (char)('a' + (i % 26)))));
        await using ArenaListener listener = TestListener.Start(new LargeBodyHandler(body));
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        await client.SendAsync("GET /big HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());

        string response = await client.ReadToEndAsync().DefaultTimeout();

        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.EndsWith(Encoding.ASCII.GetString(body), response, StringComparison.Ordinal);
    }

    private sealed class LargeBodyHandler(byte[] body) : IHttpRequestHandler
    {
        public async ValueTask HandleAsync(HttpRequestContext context, CancellationToken cancellationToken)
            => await context.RespondAsync(200, "text/plain", body, cancellationToken: cancellationToken);
    }
}
