using System.Buffers;
using System.Net.WebSockets;
using ArenaServer.MessagePack;
using ArenaServer.Protocol;
using ArenaServer.Samples.Arena;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>A BCL <see cref="ClientWebSocket"/> speaking <c>arena.v1.msgpack</c>, with envelopes encoded and decoded
/// by <c>ArenaServer.Protocol</c>; every await is bounded.</summary>
internal sealed class GameClient : IDisposable
{
    private GameClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    public WebSocketCloseStatus? CloseStatus => Socket.CloseStatus;

    public static async Task<GameClient> ConnectAsync(TestArenaServer server, params string[] subprotocols)
    {
        var socket = new ClientWebSocket();
        foreach (string subprotocol in subprotocols.Length == 0 ? [Subprotocols.MessagePack] : subprotocols)
        {
            socket.Options.AddSubProtocol(subprotocol);
        }

        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(server.GetWebSocketUri("/ws"), CancellationToken.None).DefaultTimeout();
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new GameClient(socket);
    }

    public Task SendRawAsync(byte[] payload, WebSocketMessageType type = WebSocketMessageType.Binary)
        => Socket.SendAsync(payload, type, endOfMessage: true, CancellationToken.None).DefaultTimeout();

    public Task SendJoinAsync(string roomType = ArenaGameServer.RoomType, string? roomId = null)
        => SendAsync((ref MessagePackWriter writer) => EnvelopeWriter.WriteJoin(ref writer, roomType,
            roomId is null ? RoomIdValue.None : RoomIdValue.FromText(roomId), []));

    /// <summary>Join with the server's options (PROTOCOL.md §5.1); null and false entries are left out.</summary>
    public Task SendJoinAsync(string roomType, string? roomId, string? name, bool spectate = false, bool isPrivate = false)
    {
        byte[] options = EncodeOptions(name, spectate, isPrivate);
        return SendAsync((ref MessagePackWriter writer) => EnvelopeWriter.WriteJoin(ref writer, roomType,
            roomId is null ? RoomIdValue.None : RoomIdValue.FromText(roomId), options));
    }

    public static byte[] EncodeOptions(string? name, bool spectate = false, bool isPrivate = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader((name is null ? 0 : 1) + (spectate ? 1 : 0) + (isPrivate ? 1 : 0));
        if (name is not null)
        {
            writer.WriteString(JoinOptions.NameKey);
            writer.WriteString(name);
        }

        if (spectate)
        {
            writer.WriteString(JoinOptions.SpectateKey);
            writer.Write(true);
        }

        if (isPrivate)
        {
            writer.WriteString(JoinOptions.PrivateKey);
            writer.Write(true);
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public Task SendFireAsync(uint sequence, long lastSnapshotTick)
        => SendAsync((ref MessagePackWriter writer) =>
        {
            EnvelopeWriter.WriteInputHeader(ref writer, sequence, lastSnapshotTick, tag: 2);
            new Fire().Write(ref writer);
        });

    /// <summary>Reads presence messages into <paramref name="members"/> (as a client keeps its list) until
    /// <paramref name="until"/> holds; other messages are skipped.</summary>
    public async Task<List<PresenceMember>> ReceivePresenceUntilAsync(List<PresenceMember> members,
        Func<List<PresenceMember>, bool> until, int maxSkipped = 1000)
    {
        for (int i = 0; i <= maxSkipped && !until(members); i++)
        {
            ServerMessage message = await ReceiveKindAsync(EnvelopeKind.Presence, maxSkipped);
            Assert.True(PresenceCodec.TryApply(members, message.Envelope));
        }

        Assert.True(until(members), $"presence never matched; last: {string.Join(", ", members)}");
        return members;
    }

    public Task SendResumeAsync(byte[] encodedToken, long lastSnapshotTick)
        => SendAsync((ref MessagePackWriter writer) => EnvelopeWriter.WriteResume(ref writer, encodedToken, lastSnapshotTick));

    public Task SendMoveAsync(uint sequence, long lastSnapshotTick, sbyte x, sbyte y)
        => SendAsync((ref MessagePackWriter writer) =>
        {
            EnvelopeWriter.WriteInputHeader(ref writer, sequence, lastSnapshotTick, tag: 1);
            new Move(x, y).Write(ref writer);
        });

    public Task SendPingAsync(long clientTimeMs) => SendAsync((ref MessagePackWriter writer) => EnvelopeWriter.WritePing(ref writer, clientTimeMs));

    public Task SendLeaveAsync() => SendAsync(EnvelopeWriter.WriteLeave);

    /// <summary>The next data message, or null when the server closed.</summary>
    public async Task<ServerMessage?> ReceiveAsync()
    {
        using var message = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await Socket.ReceiveAsync(buffer, CancellationToken.None).DefaultTimeout();
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                byte[] bytes = message.ToArray();
                return new ServerMessage(result.MessageType, bytes, Decode(result.MessageType, bytes));
            }
        }
    }

    /// <summary>Skips other messages (snapshots, latency samples) up to the next one of <paramref name="kind"/>.</summary>
    public async Task<ServerMessage> ReceiveKindAsync(EnvelopeKind kind, int maxSkipped = 500)
    {
        for (int i = 0; i <= maxSkipped; i++)
        {
            ServerMessage message = await ReceiveAsync() ?? throw new InvalidOperationException(
                $"The server closed ({Socket.CloseStatus} {Socket.CloseStatusDescription}) before a {kind}.");
            if (message.Kind == kind)
            {
                return message;
            }
        }

        throw new InvalidOperationException($"No {kind} within {maxSkipped} messages.");
    }

    /// <summary>Reads (and discards) messages until the server's Close frame; returns its code.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync(int maxSkipped = 500)
    {
        for (int i = 0; i <= maxSkipped; i++)
        {
            if (await ReceiveAsync() is null)
            {
                return Socket.CloseStatus;
            }
        }

        throw new InvalidOperationException($"No Close within {maxSkipped} messages.");
    }

    public void Dispose() => Socket.Dispose();

    private static Envelope Decode(WebSocketMessageType type, byte[] bytes)
    {
        ReadOnlySequence<byte> message = new(bytes);
        if (type == WebSocketMessageType.Text)
        {
            var buffer = new ArrayBufferWriter<byte>();
            Assert.Equal(JsonTranscodeStatus.Success, JsonTranscoder.TranscodeToMessagePack(message, buffer));
            message = new ReadOnlySequence<byte>(buffer.WrittenMemory);
        }

        Assert.Equal(EnvelopeStatus.Success, EnvelopeReader.ReadFromServer(message, null, out Envelope envelope));
        return envelope;
    }

    private Task SendAsync(WriteEnvelope write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return SendRawAsync(buffer.WrittenMemory.ToArray());
    }

    private delegate void WriteEnvelope(ref MessagePackWriter writer);
}
