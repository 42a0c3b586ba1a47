using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ArenaServer.Tests;
using ArenaServer.Transport.Tests.Infrastructure;

namespace ArenaServer.Transport.Tests;

/// <summary>The plain-TCP receive path after the upgrade: the read loop takes the socket over from the receive pump
/// without losing the bytes that arrived with the request head, parses from a buffer it rents only while bytes are
/// waiting, releases the request head, and starts the writers its messages signalled together (inline for a few, one
/// thread-pool work item for many).</summary>
public sealed class DirectReceiveTests
{
    [Fact]
    public async Task Upgrade_FramesSentInTheSameSegmentAsTheHead_AreEchoedInOrder()
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);

        // The head and two frames in one send: the receive pump has them in the input pipe before the upgrade.
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        byte[] head = Encoding.ASCII.GetBytes(
            $"GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n");
        byte[] first = RawWebSocketClient.EncodeFrame(0x2, [1, 2, 3]);
        byte[] second = RawWebSocketClient.EncodeFrame(0x1, "second"u8);
        await client.SendAsync([.. head, .. first, .. second]);

        Assert.StartsWith("HTTP/1.1 101", await client.ReadHttpHeadAsync(), StringComparison.Ordinal);
        (byte Opcode, bool Fin, byte[] Payload)? echo1 = await client.ReceiveFrameAsync().DefaultTimeout();
        (byte Opcode, bool Fin, byte[] Payload)? echo2 = await client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal((byte)0x2, echo1!.Value.Opcode);
        Assert.Equal([1, 2, 3], echo1.Value.Payload);
        Assert.Equal((byte)0x1, echo2!.Value.Opcode);
        Assert.Equal("second"u8.ToArray(), echo2.Value.Payload);
    }

    [Fact]
    public async Task Upgrade_MoreThanMaxReadBufferSizeSentWithTheHead_IsEchoedWhole()
    {
        // The receive pump is parked on backpressure (its pipe is full) when the read loop takes the socket over.
        const int Frames = 24;
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { MaxReadBufferSize = 4096 });
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        List<byte> bytes = [.. Encoding.ASCII.GetBytes(
            $"GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")];
        for (int i = 0; i < Frames; i++)
        {
            byte[] payload = new byte[1000];
            payload[0] = (byte)i;
            bytes.AddRange(RawWebSocketClient.EncodeFrame(0x2, payload));
        }

        await client.SendAsync([.. bytes]);

        Assert.StartsWith("HTTP/1.1 101", await client.ReadHttpHeadAsync(), StringComparison.Ordinal);
        for (int i = 0; i < Frames; i++)
        {
            (byte Opcode, bool Fin, byte[] Payload)? echo = await client.ReceiveFrameAsync().DefaultTimeout();
            Assert.Equal(1000, echo!.Value.Payload.Length);
            Assert.Equal((byte)i, echo.Value.Payload[0]);
        }
    }

    [Fact]
    public async Task Read_MessageLargerThanTheReceiveBuffer_SplitAcrossSends_IsEchoedWhole()
    {
        var handler = new TestRequestHandler { MaxMessageSize = 1 << 20 };
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { MaxMessageSize = 1 << 20 });
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        byte[] payload = RandomNumberGenerator.GetBytes(100_000); // many receive buffers' worth
        byte[] frame = RawWebSocketClient.EncodeFrame(0x2, payload);

        // A header cut after its first byte, then the rest in uneven pieces.
        await client.SendAsync(frame[..1]);
        await client.SendAsync(frame[1..7]);
        await client.SendAsync(frame[7..50_000]);
        await client.SendAsync(frame[50_000..]);

        (byte Opcode, bool Fin, byte[] Payload)? echo = await client.ReceiveFrameAsync().DefaultTimeout();
        Assert.Equal(payload, echo!.Value.Payload);
    }

    [Fact]
    public async Task AcceptWebSocketAsync_AfterThe101_ReleasesTheRequestHead()
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler);
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        HttpRequestContext context = await handler.Requests.Task.DefaultTimeout();
        await handler.WebSocket.Opened.Task.DefaultTimeout();

        Assert.Throws<InvalidOperationException>(() => context.Head);
        Assert.Null(context.WebSocketHandshake);
        Assert.True(context.IsWebSocketRequest);
    }

    [Fact]
    public async Task OnMessage_BroadcastToManyConnections_EveryConnectionReceivesEachRound()
    {
        const int Clients = 12; // more than DeferredWriters runs inline: the batch goes to the thread pool as one item
        var broadcaster = new BroadcastHandler();
        var handler = new TestRequestHandler { Custom = broadcaster };
        await using ArenaListener listener = TestListener.Start(handler);
        Task allOpened = broadcaster.ExpectConnections(Clients);
        var clients = new List<RawWebSocketClient>();
        for (int i = 0; i < Clients; i++)
        {
            clients.Add(await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint));
        }

        await allOpened.DefaultTimeout();
        try
        {
            for (byte round = 1; round <= 3; round++) // writers go idle between rounds and must start again
            {
                await clients[round % Clients].SendFrameAsync(0x2, [round]);
                foreach (RawWebSocketClient client in clients)
                {
                    (byte Opcode, bool Fin, byte[] Payload)? frame = await client.ReceiveFrameAsync().DefaultTimeout();
                    Assert.Equal([round], frame!.Value.Payload);
                }
            }
        }
        finally
        {
            foreach (RawWebSocketClient client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Sends every message it receives to every open connection, from the read loop.</summary>
    private sealed class BroadcastHandler : IWebSocketHandler
    {
        private readonly ConcurrentDictionary<ConnectionId, WebSocketConnection> _connections = new();
        private readonly TaskCompletionSource _allOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expected = int.MaxValue;

        public Task ExpectConnections(int count)
        {
            Volatile.Write(ref _expected, count);
            return _allOpened.Task;
        }

        public void OnOpened(WebSocketConnection connection)
        {
            _connections[connection.Id] = connection;
            if (_connections.Count >= Volatile.Read(ref _expected))
            {
                _allOpened.TrySetResult();
            }
        }

        public void OnMessage(WebSocketConnection connection, WebSocketMessageType type, ReadOnlySequence<byte> payload)
        {
            byte[] bytes = payload.ToArray();
            foreach (WebSocketConnection target in _connections.Values)
            {
                Assert.Equal(EnqueueResult.Enqueued, target.TrySend(type, bytes));
            }
        }

        public void OnClosed(WebSocketConnection connection, WebSocketCloseInfo info) => _connections.TryRemove(connection.Id, out _);
    }
}
