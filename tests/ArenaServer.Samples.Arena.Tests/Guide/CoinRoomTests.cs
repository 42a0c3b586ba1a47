using ArenaServer.Abstractions.Rooms;
using ArenaServer.Testing.Harness;
using Xunit;

namespace ArenaServer.Samples.Arena.Tests.Guide;

/// <summary>The tests of docs/rooms.md, run as written there.</summary>
public sealed class CoinRoomTests
{
    private static RoomHarness<CoinRoom, ICoinInput, ICoinOutput> Create()
        => RoomHarness.Create<CoinRoom, ICoinInput, ICoinOutput>(CoinMessages.Inputs, CoinMessages.Outputs,
            room => room.TickRate = 10);

    [Fact]
    public void Grab_TwoPlayersSameTick_FirstInputWins()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");

        harness.Input(bob, new Grab());
        harness.Input(alice, new Grab());
        harness.Tick();

        Scores scores = Assert.IsType<Scores>(harness.LastSnapshotFor(alice).Body);
        Assert.Equal([(alice.Id.Value, 0), (bob.Id.Value, 1)], scores.Entries);
        Assert.Equal(1u, harness.LastSnapshotFor(bob).AckedInput);
    }

    [Fact]
    public void Grab_BeforeTheNextCoin_Ignored()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");

        harness.Input(alice, new Grab());
        harness.Tick();                                  // the first coin
        harness.Input(alice, new Grab());
        harness.Advance(TimeSpan.FromMilliseconds(500)); // too early: the grab is consumed and ignored
        int afterEarlyGrab = Assert.IsType<Scores>(harness.LastSnapshotFor(alice).Body).Entries.Single().Coins;
        harness.Advance(TimeSpan.FromSeconds(1));        // the next coin is out
        harness.Input(alice, new Grab());
        harness.Tick();

        Assert.Equal(1, afterEarlyGrab);
        Assert.Equal(2, Assert.IsType<Scores>(harness.LastSnapshotFor(alice).Body).Entries.Single().Coins);
    }

    [Fact]
    public void Join_Bot_Rejected()
    {
        using var harness = Create();

        HarnessJoinResult result = harness.TryJoin("bot-7");

        Assert.Null(result.Player);
        Assert.Equal("no bots", result.Reason);
    }

    [Fact]
    public void Drop_HeldThenExpired_ScoreGone()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");

        harness.Disconnect(alice);
        harness.Advance(TimeSpan.FromSeconds(19));
        int whileHeld = Assert.IsType<Scores>(harness.LastSnapshotFor(bob).Body).Entries.Count;
        harness.Advance(TimeSpan.FromSeconds(2)); // past the default 20 s grace period

        Assert.Equal(2, whileHeld); // a held seat keeps its score
        Assert.Equal(LeaveReason.ReconnectTimedOut, harness.LastLeave(alice));
        Assert.Equal([(bob.Id.Value, 0)], Assert.IsType<Scores>(harness.LastSnapshotFor(bob).Body).Entries);
    }
}
