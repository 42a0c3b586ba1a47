using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ArenaServer.Abstractions;
using ArenaServer.Protocol;
using ArenaServer.Samples.Arena;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>The <c>/ws</c> game endpoint end to end: BCL clients against the sample <c>arena</c> room on loopback.</summary>
public sealed class GameWebSocketTests : IAsyncLifetime
{
    private TestArenaServer _server = null!;

    public async Task InitializeAsync() => _server = await ArenaGameServer.StartAsync().DefaultTimeout();

    public Task DisposeAsync() => _server.DisposeAsync().AsTask().DefaultTimeout();

    [Fact]
    public async Task Join_MessagePack_JoinedThenSnapshotsAckInputs()
    {
        using GameClient client = await GameClient.ConnectAsync(_server);
        Assert.Equal(Subprotocols.MessagePack, client.Socket.SubProtocol);

        await client.SendJoinAsync();
        ServerMessage joined = await client.ReceiveKindAsync(EnvelopeKind.Joined);
        Assert.Equal(30, joined.Envelope.TickRate);
        Assert.True(joined.Envelope.RoomId.IsPresent);
        Assert.Equal(22, ReadToken(joined).Length);

        ServerMessage first = await client.ReceiveKindAsync(EnvelopeKind.Snapshot);
        Assert.Equal(0u, first.Envelope.AckedInputSequence);
        Assert.True(first.Envelope.ServerTick >= joined.Envelope.ServerTick);

        for (uint seq = 1; seq <= 3; seq++)
        {
            await client.SendMoveAsync(seq, first.Envelope.ServerTick, 1, 0);
        }

        long lastTick = first.Envelope.ServerTick;
        uint acked = 0;
        for (int i = 0; i < 300 && acked < 3; i++)
        {
            ServerMessage snapshot = await client.ReceiveKindAsync(EnvelopeKind.Snapshot);
            Assert.True(snapshot.Envelope.ServerTick > lastTick, "snapshot ticks strictly increase");
            Assert.True(snapshot.Envelope.AckedInputSequence >= acked, "acks never go back");
            lastTick = snapshot.Envelope.ServerTick;
            acked = snapshot.Envelope.AckedInputSequence;
        }

        Assert.Equal(3u, acked);
    }

    [Fact]
    public async Task Join_TwoClientsPublicRoom_EachSeesTheOthersShip()
    {
        using GameClient alice = await GameClient.ConnectAsync(_server);
        await alice.SendJoinAsync();
        ServerMessage aliceJoined = await alice.ReceiveKindAsync(EnvelopeKind.Joined);

        // Once the room has ticked, its published summary shows the free seats, so joinOrCreate picks it.
        await alice.ReceiveKindAsync(EnvelopeKind.Snapshot);
        using GameClient bob = await GameClient.ConnectAsync(_server);
        await bob.SendJoinAsync();
        ServerMessage bobJoined = await bob.ReceiveKindAsync(EnvelopeKind.Joined);

        Assert.Equal(aliceJoined.Envelope.RoomId, bobJoined.Envelope.RoomId);
        Assert.NotEqual(aliceJoined.Envelope.PlayerId, bobJoined.Envelope.PlayerId);
        int[] both = [aliceJoined.Envelope.PlayerId, bobJoined.Envelope.PlayerId];
        Assert.Equal(both.Order(), await ReceiveShipsWithAsync(alice, both));
        Assert.Equal(both.Order(), await ReceiveShipsWithAsync(bob, both));
    }

    [Fact]
    public async Task Join_KnownRoomById_SameRoom()
    {
        using GameClient alice = await GameClient.ConnectAsync(_server);
        await alice.SendJoinAsync();
        ServerMessage aliceJoined = await alice.ReceiveKindAsync(EnvelopeKind.Joined);
        using GameClient bob = await GameClient.ConnectAsync(_server);

        await bob.SendJoinAsync(roomId: aliceJoined.Envelope.RoomId.Text);
        ServerMessage bobJoined = await bob.ReceiveKindAsync(EnvelopeKind.Joined);

        Assert.Equal(aliceJoined.Envelope.RoomId, bobJoined.Envelope.RoomId);
    }

    [Fact]
    public async Task Join_JsonSubprotocol_TextFrames()
    {
        using GameClient client = await GameClient.ConnectAsync(_server, Subprotocols.Json);
        Assert.Equal(Subprotocols.Json, client.Socket.SubProtocol);

        await client.SendRawAsync("[1,\"arena\"]"u8.ToArray(), WebSocketMessageType.Text);
        ServerMessage joined = await client.ReceiveKindAsync(EnvelopeKind.Joined);
        ServerMessage snapshot = await client.ReceiveKindAsync(EnvelopeKind.Snapshot);

        Assert.Equal(WebSocketMessageType.Text, joined.Type);
        Assert.Equal(WebSocketMessageType.Text, snapshot.Type);
        using JsonDocument json = JsonDocument.Parse(snapshot.Bytes);
        Assert.Equal(66, json.RootElement[0].GetInt32());
        Assert.Equal(snapshot.Envelope.ServerTick, json.RootElement[1].GetInt64());

        await client.SendRawAsync(Encoding.UTF8.GetBytes($"[3,1,{snapshot.Envelope.ServerTick},1,[1,0]]"), WebSocketMessageType.Text);
        uint acked = 0;
        for (int i = 0; i < 300 && acked < 1; i++)
        {
            ServerMessage next = await client.ReceiveKindAsync(EnvelopeKind.Snapshot);
            Assert.Equal(WebSocketMessageType.Text, next.Type);
            acked = next.Envelope.AckedInputSequence;
        }

        Assert.Equal(1u, acked);
    }

    [Fact]
    public async Task Message_BinaryFrameOnJson_ErrorThenProtocolViolation()
    {
        using GameClient client = await GameClient.ConnectAsync(_server, Subprotocols.Json);

        await client.SendRawAsync([0x92, 0x07, 0x01]); // [7, 1] as MessagePack: the wrong frame type for arena.v1.json
        ServerMessage error = await client.ReceiveKindAsync(EnvelopeKind.Error);

        Assert.Equal(WebSocketMessageType.Text, error.Type);
        Assert.Equal(ErrorCodes.ProtocolError, error.Envelope.ErrorCode);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.ProtocolViolation, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Message_InvalidJson_ProtocolViolation()
    {
        using GameClient client = await GameClient.ConnectAsync(_server, Subprotocols.Json);

        await client.SendRawAsync("[1,\"arena\",]"u8.ToArray(), WebSocketMessageType.Text); // trailing comma (§3.2)

        Assert.Equal(ErrorCodes.ProtocolError, (await client.ReceiveKindAsync(EnvelopeKind.Error)).Envelope.ErrorCode);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.ProtocolViolation, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Connect_UnknownSubprotocol_BadRequest()
    {
        var failure = await Assert.ThrowsAsync<WebSocketException>(() => GameClient.ConnectAsync(_server, "chat"));

        Assert.Contains("400", failure.Message + failure.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "20")]
    public async Task Message_GarbageBinary_ErrorThenProtocolViolation()
    {
        using GameClient client = await GameClient.ConnectAsync(_server);

        await client.SendRawAsync([0xc1, 0xff, 0x00]);
        ServerMessage error = await client.ReceiveKindAsync(EnvelopeKind.Error);

        Assert.Equal(ErrorCodes.ProtocolError, error.Envelope.ErrorCode);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.ProtocolViolation, await client.ReceiveCloseAsync());
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "20")]
    public async Task Input_UnknownTagWhileSeated_ErrorThenProtocolViolation()
    {
        using GameClient client = await GameClient.ConnectAsync(_server);
        await client.SendJoinAsync();
        await client.ReceiveKindAsync(EnvelopeKind.Joined);

        await client.SendRawAsync([0x95, 0x03, 0x01, 0x00, 0x7f, 0xc0]); // [3, 1, 0, 127, nil]: no input has tag 127
        ServerMessage error = await client.ReceiveKindAsync(EnvelopeKind.Error);

        Assert.Equal(ErrorCodes.ProtocolError, error.Envelope.ErrorCode);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.ProtocolViolation, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Input_BeforeJoin_ProtocolViolation()
    {
        using GameClient client = await GameClient.ConnectAsync(_server);

        await client.SendMoveAsync(1, 0, 1, 0);

        Assert.Equal(ErrorCodes.ProtocolError, (await client.ReceiveKindAsync(EnvelopeKind.Error)).Envelope.ErrorCode);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.ProtocolViolation, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Join_UnknownRoomType_ErrorAndConnectionStaysOpen()
    {
        using GameClient client = await GameClient.ConnectAsync(_server);

        await client.SendJoinAsync("no-such-game");
        ServerMessage error = await client.ReceiveKindAsync(EnvelopeKind.Error);
        await client.SendJoinAsync(roomId: "0000000000");
        ServerMessage notFound = await client.ReceiveKindAsync(EnvelopeKind.Error);
        await client.SendJoinAsync();
        ServerMessage joined = await client.ReceiveKindAsync(EnvelopeKind.Joined);

        Assert.Equal(ErrorCodes.UnknownRoomType, error.Envelope.ErrorCode);
        Assert.Equal(ErrorCodes.RoomNotFound, notFound.Envelope.ErrorCode);
        Assert.Equal(EnvelopeKind.Joined, joined.Kind);
    }

    [Fact]
    public async Task Join_Twice_AlreadyJoined()
    {
        using GameClient client = await GameClient.ConnectAsync(_server);
        await client.SendJoinAsync();
        await client.ReceiveKindAsync(EnvelopeKind.Joined);

        await client.SendJoinAsync();

        Assert.Equal(ErrorCodes.AlreadyJoined, (await client.ReceiveKindAsync(EnvelopeKind.Error)).Envelope.ErrorCode);
    }

    [Fact]
    public async Task Leave_Seated_ClosesWith4000()
    {
        using GameClient client = await GameClient.ConnectAsync(_server);
        await client.SendJoinAsync();
        await client.ReceiveKindAsync(EnvelopeKind.Joined);

        await client.SendLeaveAsync();

        Assert.Equal((WebSocketCloseStatus)CloseCodes.Left, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Resume_AfterDrop_SamePlayerAndRoomThenSnapshot()
    {
        using GameClient first = await GameClient.ConnectAsync(_server);
        await first.SendJoinAsync();
        ServerMessage joined = await first.ReceiveKindAsync(EnvelopeKind.Joined);
        ServerMessage seen = await first.ReceiveKindAsync(EnvelopeKind.Snapshot);
        first.Socket.Abort(); // no close frame: an unplanned drop holds the seat

        using GameClient second = await GameClient.ConnectAsync(_server);
        await second.SendResumeAsync(joined.Envelope.ResumeToken.ToArray(), seen.Envelope.ServerTick);
        ServerMessage resumed = await second.ReceiveKindAsync(EnvelopeKind.Resumed);
        ServerMessage snapshot = await second.ReceiveKindAsync(EnvelopeKind.Snapshot);

        Assert.Equal(joined.Envelope.PlayerId, resumed.Envelope.PlayerId);
        Assert.Equal(joined.Envelope.RoomId, resumed.Envelope.RoomId);
        Assert.NotEqual(ReadToken(joined), ReadToken(resumed));
        Assert.True(snapshot.Envelope.ServerTick > seen.Envelope.ServerTick);
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "294")]
    public async Task Resume_ReusedToken_ClosesWith4006()
    {
        using GameClient first = await GameClient.ConnectAsync(_server);
        await first.SendJoinAsync();
        ServerMessage joined = await first.ReceiveKindAsync(EnvelopeKind.Joined);
        first.Socket.Abort();
        using GameClient second = await GameClient.ConnectAsync(_server);
        await second.SendResumeAsync(joined.Envelope.ResumeToken.ToArray(), 0);
        await second.ReceiveKindAsync(EnvelopeKind.Resumed);

        using GameClient replay = await GameClient.ConnectAsync(_server);
        await replay.SendResumeAsync(joined.Envelope.ResumeToken.ToArray(), 0);

        Assert.Equal((WebSocketCloseStatus)CloseCodes.ResumeRejected, await replay.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Resume_UnknownToken_ClosesWith4006()
    {
        using GameClient client = await GameClient.ConnectAsync(_server);

        await client.SendResumeAsync([0xa3, (byte)'a', (byte)'b', (byte)'c'], 0);

        Assert.Equal((WebSocketCloseStatus)CloseCodes.ResumeRejected, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Ping_BeforeAndAfterJoin_PongEchoesClientTime()
    {
        using GameClient client = await GameClient.ConnectAsync(_server);

        await client.SendPingAsync(15320);
        ServerMessage lobby = await client.ReceiveKindAsync(EnvelopeKind.Pong);
        await client.SendJoinAsync();
        await client.ReceiveKindAsync(EnvelopeKind.Joined);
        await client.ReceiveKindAsync(EnvelopeKind.Snapshot);
        await client.SendPingAsync(long.MaxValue / 2);
        ServerMessage seated = await client.ReceiveKindAsync(EnvelopeKind.Pong);

        Assert.Equal(15320, lobby.Envelope.ClientTimeMs);
        Assert.Equal(0, lobby.Envelope.ServerTick);
        Assert.InRange(lobby.Envelope.ServerTimeMs, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(),
            DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        Assert.Equal(long.MaxValue / 2, seated.Envelope.ClientTimeMs);
        Assert.True(seated.Envelope.ServerTick > 0);
    }

    [Fact]
    public async Task Connect_NoJoinWithinJoinTimeout_ProtocolViolation()
    {
        await using TestArenaServer server = await ArenaGameServer.StartAsync(c => c["Arena:Transport:JoinTimeout"] = "00:00:00.200")
            .DefaultTimeout();
        using GameClient client = await GameClient.ConnectAsync(server);

        ServerMessage error = await client.ReceiveKindAsync(EnvelopeKind.Error);

        Assert.Equal(ErrorCodes.ProtocolError, error.Envelope.ErrorCode);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.ProtocolViolation, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Message_TextFrameOnMessagePack_ProtocolViolation()
    {
        using GameClient client = await GameClient.ConnectAsync(_server);

        await client.SendRawAsync("[7,1]"u8.ToArray(), WebSocketMessageType.Text);

        Assert.Equal((WebSocketCloseStatus)CloseCodes.ProtocolViolation, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Resume_WhileOldConnectionOpen_OldClosedWith4004()
    {
        using GameClient first = await GameClient.ConnectAsync(_server);
        await first.SendJoinAsync();
        ServerMessage joined = await first.ReceiveKindAsync(EnvelopeKind.Joined);
        using GameClient second = await GameClient.ConnectAsync(_server);

        await second.SendResumeAsync(joined.Envelope.ResumeToken.ToArray(), 0);
        ServerMessage resumed = await second.ReceiveKindAsync(EnvelopeKind.Resumed);

        Assert.Equal(joined.Envelope.PlayerId, resumed.Envelope.PlayerId);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.SeatTakenOver, await first.ReceiveCloseAsync());
        Assert.Equal(EnvelopeKind.Snapshot, (await second.ReceiveKindAsync(EnvelopeKind.Snapshot)).Kind);
    }

    [Fact]
    public async Task Heartbeat_RoundTripSample_LatencyMessage()
    {
        await using TestArenaServer server = await ArenaGameServer.StartWithFastPingsAsync().DefaultTimeout();
        using GameClient client = await GameClient.ConnectAsync(server);
        await client.SendJoinAsync();
        await client.ReceiveKindAsync(EnvelopeKind.Joined);

        ServerMessage latency = await client.ReceiveKindAsync(EnvelopeKind.Latency);

        // Loopback: the smoothed RTT is positive and far below a second.
        Assert.InRange(latency.Envelope.RttMicros, 1, 1_000_000);
        Assert.True(latency.Envelope.JitterMicros >= 0);
    }

    [Fact]
    public async Task Join_RoomFull_ErrorAndConnectionStaysOpen()
    {
        await using TestArenaServer server = await TestArenaServer.StartAsync(null, builder => builder
            .AddRoomType<ArenaRoom, IArenaInput, IArenaOutput>("duel", ArenaMessages.Inputs, ArenaMessages.Outputs,
                room => room.MaxPlayers = 1)).DefaultTimeout();
        using GameClient first = await GameClient.ConnectAsync(server);
        await first.SendJoinAsync("duel");
        ServerMessage joined = await first.ReceiveKindAsync(EnvelopeKind.Joined);
        using GameClient second = await GameClient.ConnectAsync(server);

        await second.SendJoinAsync("duel", joined.Envelope.RoomId.Text);
        ServerMessage error = await second.ReceiveKindAsync(EnvelopeKind.Error);
        await second.SendPingAsync(7);

        Assert.Equal(ErrorCodes.RoomFull, error.Envelope.ErrorCode);
        Assert.Equal(7, (await second.ReceiveKindAsync(EnvelopeKind.Pong)).Envelope.ClientTimeMs);
    }

    private static string ReadToken(ServerMessage message)
    {
        var reader = new MessagePack.MessagePackReader(message.Envelope.ResumeToken);
        Assert.True(reader.TryReadString(out string? token));
        return token!;
    }

    private static async Task<IEnumerable<int>> ReceiveShipsWithAsync(GameClient client, int[] players)
    {
        for (int i = 0; i < 300; i++)
        {
            ServerMessage snapshot = await client.ReceiveKindAsync(EnvelopeKind.Snapshot);
            Assert.Equal(MessageReadStatus.Success,
                ArenaMessages.Outputs.TryRead(snapshot.Envelope.Tag, snapshot.Envelope.Body, null, out IArenaOutput? output));
            int[] ids = [.. Assert.IsType<WorldSnapshot>(output).Ships.Select(ship => ship.PlayerId).Order()];
            if (players.All(ids.Contains))
            {
                return ids;
            }
        }

        throw new InvalidOperationException("No snapshot showed every player.");
    }
}
