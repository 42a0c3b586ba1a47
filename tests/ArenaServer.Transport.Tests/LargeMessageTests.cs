using System.Net.WebSockets;
using ArenaServer.Tests;
using ArenaServer.Transport.Tests.Infrastructure;
using SystemMessageType = System.Net.WebSockets.WebSocketMessageType;

namespace ArenaServer.Transport.Tests;

/// <summary>Autobahn 9.x shapes: big messages in one frame or in many small ones, on an endpoint with its own limit.</summary>
public sealed class LargeMessageTests
{
    private const int EchoLimit = 16 * 1024 * 1024;

    [Theory]
    [InlineData(16 * 1024 * 1024, 16 * 1024 * 1024)]
    [InlineData(4 * 1024 * 1024, 256)]
    [InlineData(1024 * 1024, 65536)]
    public async Task BinaryMessage_InFramesOfAnySize_EchoedWhole(int messageSize, int frameSize)
    {
        var handler = new TestRequestHandler { MaxMessageSize = EchoLimit };
        await using ArenaListener listener = TestListener.Start(handler);
        using var client = new ClientWebSocket();
        await client.ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();
        byte[] payload = new byte[messageSize];
        new Random(messageSize ^ frameSize).NextBytes(payload);

        Task<(WebSocketReceiveResult Result, byte[] Payload)> echo = ArenaListenerTests.ReceiveAsync(client);
        for (int offset = 0; offset < payload.Length; offset += frameSize)
        {
            int count = Math.Min(frameSize, payload.Length - offset);
            await client.SendAsync((ReadOnlyMemory<byte>)payload.AsMemory(offset, count), SystemMessageType.Binary,
                offset + count == payload.Length, default).DefaultTimeout();
        }

        (WebSocketReceiveResult result, byte[] echoed) = await echo.DefaultTimeout();
        Assert.Equal(SystemMessageType.Binary, result.MessageType);
        Assert.True(payload.AsSpan().SequenceEqual(echoed));
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public async Task FragmentedMessage_SumExceedsLimit_Closes1009()
    {
        var handler = new TestRequestHandler { MaxMessageSize = 1000 };
        await using ArenaListener listener = TestListener.Start(handler);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        await client.SendFrameAsync(0x2, new byte[600], fin: false);
        await client.SendFrameAsync(0x0, new byte[600], fin: true);

        (bool received, ushort? code) = await client.ReceiveCloseAsync().DefaultTimeout();
        Assert.True(received);
        Assert.Equal((ushort)1009, code);
        Assert.Empty(handler.WebSocket.Messages);
    }
}
