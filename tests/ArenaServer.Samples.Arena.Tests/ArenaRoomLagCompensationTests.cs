using ArenaServer.Abstractions.LagCompensation;
using ArenaServer.Testing.Harness;
using Xunit;

namespace ArenaServer.Samples.Arena.Tests;

/// <summary>The arena judges shots against what the shooter saw (issue 5): other ships rewound by
/// <c>RTT/2 + one snapshot interval</c>, at most <see cref="ArenaRoom.MaxRewind"/>.</summary>
public sealed class ArenaRoomLagCompensationTests
{
    private const int TickRate = 30;

    private static RoomHarness<ArenaRoom, IArenaInput, IArenaOutput> Create()
        => RoomHarness.Create<ArenaRoom, IArenaInput, IArenaOutput>(ArenaMessages.Inputs, ArenaMessages.Outputs,
            room => room.TickRate = TickRate);

    // Bob leaves Alice's line of fire (y = 50) going up at Speed along x = 30; Alice faces +x from (10, 50).
    private static (HarnessPlayer Alice, HarnessPlayer Bob) Duel(RoomHarness<ArenaRoom, IArenaInput, IArenaOutput> harness, TimeSpan aliceRtt)
    {
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");
        harness.SetRoundTripTime(alice, aliceRtt);
        harness.Room.PlaceShip(alice.Id, 10, 50, 1, 0);
        harness.Room.PlaceShip(bob.Id, 30, 50, 0, 1);
        harness.Input(bob, new Move(0, 1));
        return (alice, bob);
    }

    [Fact]
    public void Fire_150msRttAtWhereTargetWas_MissWithoutRewindBecomesHit()
    {
        // 150 ms RTT at 30 Hz: (75 + 33.3) ms × 30 / s = 3.25, so the shot is judged 3 ticks back.
        long ticksBack = RewindRule.TicksBehind(TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(1.0 / TickRate), TickRate);
        Assert.Equal(3, ticksBack);

        // Bob moves 20/30 units a tick: Alice's shot runs in tick 7, when he is 4 units off the line (outside the radius
        // of 3); judged 3 ticks back, at the end of tick 4, he was 2.67 units off: a hit.
        using var lagged = Create();
        (HarnessPlayer alice, HarnessPlayer bob) = Duel(lagged, TimeSpan.FromMilliseconds(150));
        lagged.Tick(6);
        lagged.Input(alice, new Fire());
        lagged.Tick();

        using var instant = Create();
        (HarnessPlayer alice0, HarnessPlayer bob0) = Duel(instant, TimeSpan.Zero);
        instant.Tick(6);
        instant.Input(alice0, new Fire());
        instant.Tick();

        Assert.Equal(new Hit(alice.Id.Value, bob.Id.Value), Assert.Single(lagged.SentTo(bob).OfType<Hit>()));
        Assert.Empty(instant.SentTo(bob0).OfType<Hit>()); // 1 tick back (interpolation only): tick 6, 4 units off
    }

    [Fact]
    public void Fire_TargetOnTheLineNowButNotWhenSeen_Miss()
    {
        // The converse: Bob reaches the line just as Alice fires, but with 300 ms RTT the shot, run in tick 9, is judged
        // round((150 + 33.33) ms × 30 / s) = round(5.4999) = 5 ticks back, at the end of tick 4, when Bob was 3.33 units
        // below the line (outside the radius of 3); the same shot at 0 ms RTT (1 tick back: tick 8, 0.67 below) hits.
        Assert.Equal(5, RewindRule.TicksBehind(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1.0 / TickRate), TickRate));

        Assert.Empty(FireWhenBobReachesTheLine(TimeSpan.FromMilliseconds(300)));
        Assert.Single(FireWhenBobReachesTheLine(TimeSpan.Zero));
    }

    private static Hit[] FireWhenBobReachesTheLine(TimeSpan aliceRtt)
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");
        harness.SetRoundTripTime(alice, aliceRtt);
        harness.Room.PlaceShip(alice.Id, 10, 50, 1, 0);
        harness.Room.PlaceShip(bob.Id, 30, 44, 0, 1);
        harness.Input(bob, new Move(0, 1));
        harness.Tick(8); // 8 × 20/30 = 5.33 units: 0.67 below the line, inside the radius; the shot runs in tick 9
        harness.Input(alice, new Fire());
        harness.Tick();
        return [.. harness.SentTo(alice).OfType<Hit>()];
    }

    [Fact]
    public void Fire_RttBeyondMaxRewind_NeverRewindsFurtherThanMaxRewind()
    {
        // Bob sat on the line long ago and has been away for more than MaxRewind: a 5 s RTT must not reach him.
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");
        harness.SetRoundTripTime(alice, TimeSpan.FromSeconds(5));
        harness.Room.PlaceShip(alice.Id, 10, 50, 1, 0);
        harness.Tick(); // recorded at the start position below
        harness.Room.PlaceShip(bob.Id, 30, 50, 0, 1);
        harness.Tick(3);
        harness.Input(bob, new Move(0, 1));
        harness.Tick((int)(ArenaRoom.MaxRewind.TotalSeconds * TickRate) + 5); // ~ 23 units away now
        harness.Input(alice, new Fire());
        harness.Tick();

        Assert.Empty(harness.SentTo(alice).OfType<Hit>());
    }
}
