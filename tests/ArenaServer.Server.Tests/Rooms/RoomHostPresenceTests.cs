using ArenaServer.Abstractions.Rooms;
using ArenaServer.Protocol;
using ArenaServer.Testing.Harness;
using Xunit;

namespace ArenaServer.Server.Tests.Rooms;

/// <summary>The server's presence (PROTOCOL.md §5, kind 73), as each member's connection sees it through encode →
/// bytes → decode.</summary>
public sealed class RoomHostPresenceTests
{
    private static RoomHarness<TestRoom, ITestInput, ITestOutput> Create(Action<RoomOptions>? configure = null)
        => RoomHarness.Create<TestRoom, ITestInput, ITestOutput>(TestMessages.Inputs, TestMessages.Outputs,
            o =>
            {
                o.TickRate = 10;
                configure?.Invoke(o);
            });

    [Fact]
    public void Join_FirstMember_FullListOfItself()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");

        Assert.Equal([Member(alice)], harness.PresenceOf(alice));
    }

    [Fact]
    public void Join_ThirdMember_EveryoneSeesAllThreeInJoinOrder()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");
        HarnessPlayer carol = harness.Join("carol");

        PresenceMember[] expected = [Member(alice), Member(bob), Member(carol)];
        Assert.Equal(expected, harness.PresenceOf(alice));
        Assert.Equal(expected, harness.PresenceOf(bob));
        Assert.Equal(expected, harness.PresenceOf(carol));
    }

    [Fact]
    public void Leave_OneMember_RemovedForEveryoneElse()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");
        HarnessPlayer carol = harness.Join("carol");

        harness.Leave(bob);

        Assert.Equal([Member(alice), Member(carol)], harness.PresenceOf(alice));
        Assert.Equal([Member(alice), Member(carol)], harness.PresenceOf(carol));
    }

    [Fact]
    public void Disconnect_SeatHeld_OthersSeeItDisconnectedThenBackAfterResume()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");

        harness.Disconnect(bob);
        PresenceMember whileAway = harness.PresenceOf(alice).Single(m => m.PlayerId == bob.Id.Value);
        harness.Resume(bob);

        Assert.False(whileAway.IsConnected);
        Assert.True(harness.PresenceOf(alice).Single(m => m.PlayerId == bob.Id.Value).IsConnected);
        Assert.Equal([Member(alice), Member(bob)], harness.PresenceOf(bob)); // the resumed connection got a full list
    }

    [Fact]
    public void GraceExpiry_HeldSeat_RemovedForOthers()
    {
        using var harness = Create(o => o.ReconnectGracePeriod = TimeSpan.FromSeconds(1));
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");

        harness.Disconnect(bob);
        harness.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal([Member(alice)], harness.PresenceOf(alice));
        Assert.Equal(LeaveReason.ReconnectTimedOut, harness.LastLeave(bob));
    }

    [Fact]
    public void Kick_Member_RemovedForOthers()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");

        harness.Room.KickOnNextTick = "bob";
        harness.Tick();

        Assert.Equal([Member(alice)], harness.PresenceOf(alice));
    }

    [Fact]
    public void Spectator_ListedWithSpectatorRoleAndSeesPlayers()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer watcher = harness.JoinSpectator("watcher");

        PresenceMember[] expected = [Member(alice), new(watcher.Id.Value, "watcher", PresenceRole.Spectator, true)];
        Assert.Equal(expected, harness.PresenceOf(alice));
        Assert.Equal(expected, harness.PresenceOf(watcher));
    }

    private static PresenceMember Member(HarnessPlayer player) => new(player.Id.Value, player.Name, PresenceRole.Player, true);
}
