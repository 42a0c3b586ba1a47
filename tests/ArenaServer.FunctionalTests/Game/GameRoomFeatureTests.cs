using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.FunctionalTests.Infrastructure;
using ArenaServer.Protocol;
using ArenaServer.Samples.Arena;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>Issue 4's room features through <c>/ws</c> with BCL clients: presence, names, spectators, private rooms,
/// a crashing room, and a slow consumer.</summary>
public sealed class GameRoomFeatureTests : IAsyncLifetime
{
    private TestArenaServer _server = null!;

    public async Task InitializeAsync()
        => _server = await TestArenaServer.StartAsync(null, server => server
            .AddRoomType<ArenaRoom, IArenaInput, IArenaOutput>("arena", ArenaMessages.Inputs, ArenaMessages.Outputs,
                room => { room.TickRate = 30; room.MaxPlayers = 16; })
            .AddRoomType<FloodRoom, IArenaInput, IArenaOutput>("flood", ArenaMessages.Inputs, FloodRoom.Outputs,
                room => room.TickRate = 30)
            .AddRoomType<CrashRoom, IArenaInput, IArenaOutput>("crash", ArenaMessages.Inputs, ArenaMessages.Outputs,
                room => room.TickRate = 30)).DefaultTimeout();

    public Task DisposeAsync() => _server.DisposeAsync().AsTask().DefaultTimeout();

    [Fact]
    public async Task Presence_ThirdJoinsThenLeaves_SeenByAll()
    {
        using GameClient alice = await GameClient.ConnectAsync(_server);
        await alice.SendJoinAsync("arena", null, "alice", isPrivate: true);
        ServerMessage joined = await alice.ReceiveKindAsync(EnvelopeKind.Joined);
        string room = joined.Envelope.RoomId.Text!;
        List<PresenceMember> aliceView = await alice.ReceivePresenceUntilAsync([], m => m.Count == 1);
        Assert.Equal(new PresenceMember(joined.Envelope.PlayerId, "alice", PresenceRole.Player, true), aliceView.Single());

        using GameClient bob = await GameClient.ConnectAsync(_server);
        await bob.SendJoinAsync("arena", room, "bob");
        List<PresenceMember> bobView = await bob.ReceivePresenceUntilAsync([], m => m.Count == 2);
        using GameClient carol = await GameClient.ConnectAsync(_server);
        await carol.SendJoinAsync("arena", room, "carol");
        List<PresenceMember> carolView = await carol.ReceivePresenceUntilAsync([], m => m.Count == 3);

        await alice.ReceivePresenceUntilAsync(aliceView, m => m.Count == 3);
        await bob.ReceivePresenceUntilAsync(bobView, m => m.Count == 3);
        Assert.Equal(["alice", "bob", "carol"], carolView.Select(m => m.Name).Order());
        Assert.Equal(carolView.OrderBy(m => m.PlayerId), aliceView.OrderBy(m => m.PlayerId));
        Assert.Equal(carolView.OrderBy(m => m.PlayerId), bobView.OrderBy(m => m.PlayerId));

        await carol.SendLeaveAsync();
        int carolId = carolView.Single(m => m.Name == "carol").PlayerId;
        await alice.ReceivePresenceUntilAsync(aliceView, m => m.All(p => p.PlayerId != carolId));
        await bob.ReceivePresenceUntilAsync(bobView, m => m.All(p => p.PlayerId != carolId));
        Assert.Equal(["alice", "bob"], aliceView.Select(m => m.Name).Order());
        Assert.Equal(["alice", "bob"], bobView.Select(m => m.Name).Order());
    }

    [Fact]
    public async Task Presence_PlayerDropsAndResumes_OthersSeeDisconnectedThenConnected()
    {
        using GameClient alice = await GameClient.ConnectAsync(_server);
        await alice.SendJoinAsync("arena", null, "alice", isPrivate: true);
        string room = (await alice.ReceiveKindAsync(EnvelopeKind.Joined)).Envelope.RoomId.Text!;
        List<PresenceMember> view = await alice.ReceivePresenceUntilAsync([], m => m.Count == 1);
        using GameClient bob = await GameClient.ConnectAsync(_server);
        await bob.SendJoinAsync("arena", room, "bob");
        ServerMessage bobJoined = await bob.ReceiveKindAsync(EnvelopeKind.Joined);
        await alice.ReceivePresenceUntilAsync(view, m => m.Count == 2);

        bob.Socket.Abort();
        await alice.ReceivePresenceUntilAsync(view, m => m.Any(p => p.Name == "bob" && !p.IsConnected));
        using GameClient bobAgain = await GameClient.ConnectAsync(_server);
        await bobAgain.SendResumeAsync(bobJoined.Envelope.ResumeToken.ToArray(), 0);
        await alice.ReceivePresenceUntilAsync(view, m => m.Any(p => p.Name == "bob" && p.IsConnected));

        Assert.Equal(bobJoined.Envelope.PlayerId, view.Single(p => p.Name == "bob").PlayerId);
    }

    [Fact]
    public async Task Spectator_SeesSnapshotsAndPresenceTakesNoSeatAndInputsGetNotAPlayer()
    {
        using GameClient alice = await GameClient.ConnectAsync(_server);
        await alice.SendJoinAsync("arena", null, "alice", isPrivate: true);
        ServerMessage aliceJoined = await alice.ReceiveKindAsync(EnvelopeKind.Joined);
        string room = aliceJoined.Envelope.RoomId.Text!;
        using GameClient watcher = await GameClient.ConnectAsync(_server);

        await watcher.SendJoinAsync("arena", room, "watcher", spectate: true);
        ServerMessage joined = await watcher.ReceiveKindAsync(EnvelopeKind.Joined);
        List<PresenceMember> view = await watcher.ReceivePresenceUntilAsync([], m => m.Count == 2);
        ServerMessage snapshot = await watcher.ReceiveKindAsync(EnvelopeKind.Snapshot);
        await watcher.SendMoveAsync(1, snapshot.Envelope.ServerTick, 1, 0);
        ServerMessage error = await watcher.ReceiveKindAsync(EnvelopeKind.Error);
        ServerMessage stillThere = await watcher.ReceiveKindAsync(EnvelopeKind.Snapshot);

        Assert.Equal(PresenceRole.Spectator, view.Single(m => m.PlayerId == joined.Envelope.PlayerId).Role);
        Assert.Equal(ErrorCodes.NotAPlayer, error.Envelope.ErrorCode);
        Assert.True(stillThere.Envelope.ServerTick > snapshot.Envelope.ServerTick);
        Assert.Null(watcher.CloseStatus);

        // Only Alice has a ship: the spectator is not in the world.
        var world = (WorldSnapshot)ReadBody(stillThere);
        Assert.Equal([aliceJoined.Envelope.PlayerId], world.Ships.Select(s => s.PlayerId));
    }

    [Fact]
    public async Task Spectator_FullRoom_StillJoins()
    {
        await using TestArenaServer server = await TestArenaServer.StartAsync(null, s => s.AddRoomType<ArenaRoom, IArenaInput, IArenaOutput>(
            "arena", ArenaMessages.Inputs, ArenaMessages.Outputs, room => room.MaxPlayers = 1)).DefaultTimeout();
        using GameClient alice = await GameClient.ConnectAsync(server);
        await alice.SendJoinAsync("arena", null, "alice");
        string room = (await alice.ReceiveKindAsync(EnvelopeKind.Joined)).Envelope.RoomId.Text!;
        using GameClient bob = await GameClient.ConnectAsync(server);
        using GameClient watcher = await GameClient.ConnectAsync(server);

        await bob.SendJoinAsync("arena", room, "bob");
        ServerMessage full = await bob.ReceiveKindAsync(EnvelopeKind.Error);
        await watcher.SendJoinAsync("arena", room, "watcher", spectate: true);
        ServerMessage watching = await watcher.ReceiveKindAsync(EnvelopeKind.Joined);

        Assert.Equal(ErrorCodes.RoomFull, full.Envelope.ErrorCode);
        Assert.Equal(room, watching.Envelope.RoomId.Text);
    }

    [Fact]
    public async Task Private_NotPickedByJoinOrCreateButJoinableByCode()
    {
        using GameClient host = await GameClient.ConnectAsync(_server);
        await host.SendJoinAsync("arena", null, "host", isPrivate: true);
        string code = (await host.ReceiveKindAsync(EnvelopeKind.Joined)).Envelope.RoomId.Text!;
        await host.ReceiveKindAsync(EnvelopeKind.Snapshot); // its summary is published: it would be picked if public

        using GameClient stranger = await GameClient.ConnectAsync(_server);
        await stranger.SendJoinAsync("arena", null, "stranger");
        ServerMessage elsewhere = await stranger.ReceiveKindAsync(EnvelopeKind.Joined);
        using GameClient friend = await GameClient.ConnectAsync(_server);
        await friend.SendJoinAsync("arena", code, "friend");
        ServerMessage together = await friend.ReceiveKindAsync(EnvelopeKind.Joined);

        Assert.Equal(10, code.Length);
        Assert.NotEqual(code, elsewhere.Envelope.RoomId.Text);
        Assert.Equal(code, together.Envelope.RoomId.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a name that is far too long for a scoreboard")]
    [InlineData("tab\there")]
    public async Task Join_InvalidName_InvalidOptionsAndConnectionStaysOpen(string name)
    {
        using GameClient client = await GameClient.ConnectAsync(_server);

        await client.SendJoinAsync("arena", null, name);
        ServerMessage error = await client.ReceiveKindAsync(EnvelopeKind.Error);
        await client.SendJoinAsync("arena", null, "fine");
        ServerMessage joined = await client.ReceiveKindAsync(EnvelopeKind.Joined);

        Assert.Equal(ErrorCodes.InvalidOptions, error.Envelope.ErrorCode);
        Assert.Contains("name", error.Envelope.ErrorMessage, StringComparison.Ordinal);
        Assert.True(joined.Envelope.PlayerId >= 0);
    }

    [Fact]
    public async Task Join_PrivateWithRoomId_InvalidOptions()
    {
        using GameClient client = await GameClient.ConnectAsync(_server);

        await client.SendJoinAsync("arena", "abcdefghjk", "x", isPrivate: true);
        ServerMessage error = await client.ReceiveKindAsync(EnvelopeKind.Error);

        Assert.Equal(ErrorCodes.InvalidOptions, error.Envelope.ErrorCode);
    }

    [Fact]
    public async Task Join_OptionsNotAMap_InvalidOptions()
    {
        using GameClient client = await GameClient.ConnectAsync(_server);

        await client.SendRawAsync(Convert.FromHexString("9401a56172656e61c02a")); // [1, "arena", nil, 42]
        ServerMessage error = await client.ReceiveKindAsync(EnvelopeKind.Error);

        Assert.Equal(ErrorCodes.InvalidOptions, error.Envelope.ErrorCode);
        Assert.Null(client.CloseStatus);
    }

    [Fact]
    public async Task HookThrows_OnlyThatRoomClosesWith1011AndOthersKeepServing()
    {
        using GameClient bystander = await GameClient.ConnectAsync(_server);
        await bystander.SendJoinAsync("arena", null, "bystander", isPrivate: true);
        await bystander.ReceiveKindAsync(EnvelopeKind.Joined);
        using GameClient victim = await GameClient.ConnectAsync(_server);
        await victim.SendJoinAsync("crash", null, "victim");
        ServerMessage snapshot = await victim.ReceiveKindAsync(EnvelopeKind.Snapshot);

        await victim.SendFireAsync(1, snapshot.Envelope.ServerTick);
        WebSocketCloseStatus? status = await victim.ReceiveCloseAsync();
        long before = (await bystander.ReceiveKindAsync(EnvelopeKind.Snapshot)).Envelope.ServerTick;
        long after = (await bystander.ReceiveKindAsync(EnvelopeKind.Snapshot)).Envelope.ServerTick;
        using GameClient newcomer = await GameClient.ConnectAsync(_server);
        await newcomer.SendJoinAsync("crash", null, "newcomer");
        ServerMessage fresh = await newcomer.ReceiveKindAsync(EnvelopeKind.Joined);

        Assert.Equal(WebSocketCloseStatus.InternalServerError, status);
        Assert.True(after > before);
        Assert.NotEqual(snapshot.Envelope.RoomId, fresh.Envelope.RoomId); // the crashed room is gone: a new one
    }

    [Fact]
    [Trait("Category", "RealTime")]
    public async Task Snapshots_TwoPlayersFor5Seconds_AtTheTickRateWithIncreasingAcks()
    {
        using GameClient alice = await GameClient.ConnectAsync(_server);
        await alice.SendJoinAsync("arena", null, "alice", isPrivate: true);
        ServerMessage joined = await alice.ReceiveKindAsync(EnvelopeKind.Joined);
        using GameClient bob = await GameClient.ConnectAsync(_server);
        await bob.SendJoinAsync("arena", joined.Envelope.RoomId.Text, "bob");
        await bob.ReceiveKindAsync(EnvelopeKind.Joined);

        TimeSpan gcPausedBefore = GC.GetTotalPauseDuration();
        int gen2Before = GC.CollectionCount(2);
        (int Snapshots, double Seconds, uint LastAck, uint Sent, string Gaps)[] results =
            await Task.WhenAll(PlayFor5SecondsAsync(alice), PlayFor5SecondsAsync(bob));
        string gc = $"GC paused {(GC.GetTotalPauseDuration() - gcPausedBefore).TotalMilliseconds:F0} ms, " +
            $"{GC.CollectionCount(2) - gen2Before} gen2, pool threads {ThreadPool.ThreadCount}";

        foreach ((int snapshots, double seconds, uint lastAck, uint sent, string gaps) in results)
        {
            double perSecond = snapshots / seconds;
            Assert.True(perSecond is >= 30 * 0.95 and <= 30 * 1.05,
                $"{snapshots} snapshots in {seconds:F2} s: {perSecond:F2}/s; tick gaps (gap×count): {gaps}; {gc}");
            Assert.True(lastAck >= sent - 3 && lastAck > 0, $"acked {lastAck} of {sent}");
        }
    }

    // Sends a Move on every third snapshot, counts snapshots for 5 s, and checks ticks rise and acks never go back.
    private static async Task<(int Snapshots, double Seconds, uint LastAck, uint Sent, string Gaps)> PlayFor5SecondsAsync(GameClient client)
    {
        await WarmUpAsync(client);
        long lastTick = (await client.ReceiveKindAsync(EnvelopeKind.Snapshot)).Envelope.ServerTick;
        var clock = Stopwatch.StartNew();
        int snapshots = 0;
        uint sent = 0;
        uint acked = 0;
        var gaps = new SortedDictionary<long, int>();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            ServerMessage snapshot = await client.ReceiveKindAsync(EnvelopeKind.Snapshot);
            Assert.True(snapshot.Envelope.ServerTick > lastTick, "snapshot ticks strictly increase");
            long gap = snapshot.Envelope.ServerTick - lastTick;
            gaps[gap] = gaps.GetValueOrDefault(gap) + 1;
            Assert.True(snapshot.Envelope.AckedInputSequence >= acked, "acks never go back");
            lastTick = snapshot.Envelope.ServerTick;
            acked = snapshot.Envelope.AckedInputSequence;
            if (++snapshots % 3 == 0)
            {
                await client.SendMoveAsync(++sent, lastTick, (sbyte)(sent % 2 == 0 ? 1 : -1), 0);
            }
        }

        return (snapshots, clock.Elapsed.TotalSeconds, acked, sent, string.Join(", ", gaps.Select(g => $"{g.Key}×{g.Value}")));
    }

    [Fact]
    [Trait("Category", "RealTime")]
    public async Task SlowConsumer_StopsReading_Closed4008SeatHeldAndOthersCadenceUnaffected()
    {
        // A client that reads nothing cannot see a Close frame stuck behind megabytes of unread data; a long
        // CloseTimeout lets this one catch up afterwards and read the 4008 the server queued when it gave up.
        await using TestArenaServer server = await TestArenaServer.StartAsync(
            settings =>
            {
                settings["Arena:Transport:CloseTimeout"] = "00:01:00";
                settings["Arena:Transport:OutboundQueueCapacity"] = "16";
            },
            s => s.AddRoomType<FloodRoom, IArenaInput, IArenaOutput>("flood", ArenaMessages.Inputs, FloodRoom.Outputs,
                room => room.TickRate = 30)).DefaultTimeout();
        using GameClient steady = await GameClient.ConnectAsync(server);
        await steady.SendJoinAsync("flood", null, "steady", isPrivate: true);
        ServerMessage steadyJoined = await steady.ReceiveKindAsync(EnvelopeKind.Joined);
        string room = steadyJoined.Envelope.RoomId.Text!;
        TaskCompletionSource<DisconnectReason> drop = FloodRoom.DropOf(room);
        using GameClient slow = await GameClient.ConnectAsync(server);
        await slow.SendJoinAsync("flood", room, "slow");
        ServerMessage slowJoined = await slow.ReceiveKindAsync(EnvelopeKind.Joined);
        await WarmUpAsync(steady);
        await slow.SendMoveAsync(1, 0, 0, 0); // "flood me from now on"

        // The slow client now reads nothing; the steady one counts its snapshots over 5 s meanwhile.
        long first = (await steady.ReceiveKindAsync(EnvelopeKind.Snapshot)).Envelope.ServerTick;
        var clock = Stopwatch.StartNew();
        int snapshots = 0;
        long last = first;
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            last = (await steady.ReceiveKindAsync(EnvelopeKind.Snapshot)).Envelope.ServerTick;
            snapshots++;
        }

        double perSecond = snapshots / clock.Elapsed.TotalSeconds;
        // What the server buffered before it gave up on the client, then its Close: answering it ends the connection and
        // reports the drop to the room.
        WebSocketCloseStatus? code = await slow.Socket.ReceiveCloseAndAnswerAsync();
        DisconnectReason reason = await drop.Task.DefaultTimeout();
        using GameClient back = await GameClient.ConnectAsync(server);
        await back.SendResumeAsync(slowJoined.Envelope.ResumeToken.ToArray(), 0);
        ServerMessage resumed = await back.ReceiveKindAsync(EnvelopeKind.Resumed);

        Assert.Equal(DisconnectReason.SlowConsumer, reason);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.SlowConsumer, code);
        Assert.Equal(slowJoined.Envelope.PlayerId, resumed.Envelope.PlayerId); // 4008 holds the seat
        Assert.True(perSecond is >= 30 * 0.95 and <= 30 * 1.05, $"{snapshots} snapshots ({last - first} ticks) in {clock.Elapsed}: {perSecond:F2}/s");
        Assert.True(last - first >= snapshots, "snapshot ticks strictly increase");
    }

    // Two seconds of snapshots before measuring: a fresh test process JIT-compiles the server and the clients on a
    // thread pool of two threads (2 cores), and the pool adds threads only every ~0.5 s, so the first second can
    // hold one 0.5-1 s stall of every write loop (measured: one tick gap of 17-30, gone with a larger pool or a
    // warm-up). The contract is about the steady state.
    private static async Task WarmUpAsync(GameClient client)
    {
        // The server shares this process's thread pool with the clients and the test framework. On 2 cores the pool
        // starts with two threads; the RealTime run also showed a rare 0.6-0.9 s stall of every write loop later on
        // (not GC: 0 ms paused; the pool had grown to 8 threads by then), whose blocker was not found (docs/notes.md).
        // Headroom in the pool keeps the measurement about the server's cadence.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));

        for (int i = 0; i < 60; i++)
        {
            await client.ReceiveKindAsync(EnvelopeKind.Snapshot);
        }
    }

    private static IArenaOutput ReadBody(ServerMessage snapshot)
    {
        Assert.Equal(Abstractions.MessageReadStatus.Success,
            ArenaMessages.Outputs.TryRead(snapshot.Envelope.Tag, snapshot.Envelope.Body, null, out IArenaOutput? body));
        return body!;
    }
}
