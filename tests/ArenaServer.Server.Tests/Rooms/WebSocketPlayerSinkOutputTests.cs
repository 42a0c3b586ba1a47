using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ArenaServer.Server.Game;
using ArenaServer.Server.Rooms;
using ArenaServer.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ArenaServer.Server.Tests.Rooms;

/// <summary>The /ws sink on a real connection: a snapshot goes out as one WebSocket frame made of the recipient's prefix
/// and the shared body (a gathered send), byte for byte what the copying sink sent, and an unsent older snapshot is
/// still replaced by a newer one.</summary>
public sealed class WebSocketPlayerSinkOutputTests : IAsyncLifetime
{
    private readonly AcceptingHandler _handler = new();
    private ArenaListener _listener = null!;

    public Task InitializeAsync()
    {
        _listener = new ArenaListener(new IPEndPoint(IPAddress.Loopback, 0), new TransportOptions { MaxWriteBufferSize = 1024 },
            _handler, NullLoggerFactory.Instance, TimeProvider.System);
        _listener.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _listener.DisposeAsync().AsTask().DefaultTimeout();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TrySetSnapshot_RealConnection_WireBytesEqualTheCopiedEnvelope(bool json)
    {
        using Socket client = await ConnectAsync(receiveBufferSize: null);
        WebSocketConnection connection = await _handler.Opened.Task.DefaultTimeout();
        var sink = new WebSocketPlayerSink(connection, null!, json);
        OutboundFrame body = SnapshotFrameOutputTests.MessagePackBody(new CounterState(1234, 5, 8, 3), out byte tag);
        if (json)
        {
            OutboundFrame text = SnapshotFrameOutputTests.JsonBody(body);
            body.Release();
            body = text;
        }

        var snapshot = new SnapshotFrame(body, 1234, 77, tag, IsFull: true, IsJson: json);
        byte[] expected = SnapshotFrameOutputTests.CopiedFrame(snapshot);

        Assert.Equal(SinkResult.Accepted, sink.TrySetSnapshot(snapshot));

        Assert.Equal(expected, await ReadExactlyAsync(client, expected.Length));
    }

    [Fact]
    public async Task TrySetSnapshot_WriteLoopBusyWithOlderMessages_NewerReplacesOlderWhichIsReleased()
    {
        const int BigMessage = 256 * 1024;
        const int Messages = 40;
        using Socket client = await ConnectAsync(receiveBufferSize: 4096);
        WebSocketConnection connection = await _handler.Opened.Task.DefaultTimeout();
        var sink = new WebSocketPlayerSink(connection, null!, prefersJson: false);
        for (int i = 0; i < Messages; i++)
        {
            Assert.Equal(EnqueueResult.Enqueued, connection.TrySend(WebSocketMessageType.Binary, new byte[BigMessage]));
        }

        // 10 MiB cannot reach a client that does not read: a snapshot set now waits behind the queued messages
        // (ARCHITECTURE.md §4: a snapshot never overtakes messages enqueued before it), so the next one replaces it.
        OutboundFrame olderBody = SnapshotFrameOutputTests.MessagePackBody(new Note("older"), out byte tag);
        OutboundFrame newerBody = SnapshotFrameOutputTests.MessagePackBody(new Note("newer"), out _);
        var older = new SnapshotFrame(olderBody, 1, 0, tag, true);
        var newer = new SnapshotFrame(newerBody, 2, 0, tag, true);
        byte[] expected = SnapshotFrameOutputTests.CopiedFrame(newer);

        Assert.Equal(SinkResult.Accepted, sink.TrySetSnapshot(older));
        Assert.Equal(SinkResult.Coalesced, sink.TrySetSnapshot(newer));
        Assert.Throws<ObjectDisposedException>(() => olderBody.Payload); // released with the replaced frame, at once

        for (int i = 0; i < Messages; i++)
        {
            byte[] header = await ReadExactlyAsync(client, 10);
            Assert.Equal(0x82, header[0]);
            Assert.Equal(127, header[1]);
            await ReadExactlyAsync(client, BigMessage);
        }

        Assert.Equal(expected, await ReadExactlyAsync(client, expected.Length));
    }

    private async Task<Socket> ConnectAsync(int? receiveBufferSize)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (receiveBufferSize is { } size)
        {
            socket.ReceiveBufferSize = size;
        }

        await socket.ConnectAsync(_listener.LocalEndPoint).DefaultTimeout();
        byte[] request = Encoding.ASCII.GetBytes("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        await socket.SendAsync(request, SocketFlags.None).DefaultTimeout();

        // The 101 head ends with an empty line; read it byte by byte so no frame byte is consumed with it.
        var head = new List<byte>();
        while (head.Count < 4 || !head[^4..].SequenceEqual("\r\n\r\n"u8.ToArray()))
        {
            head.Add((await ReadExactlyAsync(socket, 1))[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", Encoding.ASCII.GetString([.. head]), StringComparison.Ordinal);
        return socket;
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        byte[] buffer = new byte[count];
        int read = 0;
        while (read < count)
        {
            int received = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None).AsTask().DefaultTimeout();
            Assert.NotEqual(0, received);
            read += received;
        }

        return buffer;
    }

    private sealed class AcceptingHandler : IHttpRequestHandler, IWebSocketHandler
    {
        public TaskCompletionSource<WebSocketConnection> Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask HandleAsync(HttpRequestContext context, CancellationToken cancellationToken)
            => context.AcceptWebSocketAsync(new WebSocketAcceptOptions(), this, cancellationToken);

        public void OnOpened(WebSocketConnection connection) => Opened.TrySetResult(connection);

        public void OnMessage(WebSocketConnection connection, WebSocketMessageType type, ReadOnlySequence<byte> payload)
        {
        }
    }
}
