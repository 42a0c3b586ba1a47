using ArenaServer.Abstractions.Rooms;
using ArenaServer.Testing.Harness;
using Xunit;

namespace ArenaServer.Samples.Arena.Tests;

public sealed class ArenaRoomTests
{
    private static RoomHarness<ArenaRoom, IArenaInput, IArenaOutput> Create(int seed = RoomHarness.DefaultSeed)
        => RoomHarness.Create<ArenaRoom, IArenaInput, IArenaOutput>(ArenaMessages.Inputs, ArenaMessages.Outputs,
            room => room.TickRate = 30, seed);

    private static ShipState ShipOf(HarnessSnapshot<IArenaOutput> snapshot, HarnessPlayer player)
        => Assert.IsType<WorldSnapshot>(snapshot.Body).Ships.Single(s => s.PlayerId == player.Id.Value);

    [Fact]
    public void OnTick_MoveInput_ShipMovesAndInputIsAcked()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        harness.Room.PlaceShip(alice.Id, 50, 50, 1, 0);

        harness.Input(alice, new Move(1, 0));
        harness.Tick();

        HarnessSnapshot<IArenaOutput> last = harness.LastSnapshotFor(alice);
        Assert.Equal(1u, last.AckedInput);
        ShipState ship = ShipOf(last, alice);
        Assert.Equal(50 + (ArenaRoom.Speed / 30), ship.X, 3);
        Assert.Equal(50, ship.Y, 3);
    }

    [Fact]
    public void OnTick_MoveIntoWall_ClampedToWorld()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        harness.Room.PlaceShip(alice.Id, 1, 99, 1, 0);

        harness.Input(alice, new Move(-1, 1));
        harness.Tick(30);

        ShipState ship = ShipOf(harness.LastSnapshotFor(alice), alice);
        Assert.Equal(0, ship.X);
        Assert.Equal(ArenaRoom.WorldSize, ship.Y);
    }

    [Fact]
    public void Fire_TargetInLine_HitBroadcastScoredAndRespawned()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");
        harness.Room.PlaceShip(alice.Id, 10, 50, 1, 0);
        harness.Room.PlaceShip(bob.Id, 40, 51, -1, 0);

        harness.Input(alice, new Fire());
        harness.Tick();

        Assert.Equal([new Hit(alice.Id.Value, bob.Id.Value)], harness.Broadcasts);
        Assert.Contains(new Hit(alice.Id.Value, bob.Id.Value), harness.SentTo(bob));
        HarnessSnapshot<IArenaOutput> afterHit = harness.LastSnapshotFor(bob);
        Assert.Equal(1, ShipOf(afterHit, alice).Score);
        Assert.False(ShipOf(afterHit, bob).Alive);

        harness.Advance(ArenaRoom.RespawnDelay - harness.TickInterval);
        bool aliveBeforeDelay = ShipOf(harness.LastSnapshotFor(bob), bob).Alive;
        harness.Tick(2);

        Assert.False(aliveBeforeDelay);
        Assert.True(ShipOf(harness.LastSnapshotFor(bob), bob).Alive);
    }

    [Fact]
    public void Fire_OutOfRangeOrBehind_NoHit()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");
        harness.Room.PlaceShip(alice.Id, 10, 50, 1, 0);
        harness.Room.PlaceShip(bob.Id, 10 + ArenaRoom.GunRange + 1, 50, -1, 0);

        harness.Input(alice, new Fire());
        harness.Tick();
        harness.Room.PlaceShip(bob.Id, 5, 50, -1, 0);
        harness.Tick(30);
        harness.Input(alice, new Fire());
        harness.Tick();

        Assert.Empty(harness.Broadcasts);
        Assert.Equal(0, ShipOf(harness.LastSnapshotFor(alice), alice).Score);
    }

    [Fact]
    public void Fire_TwiceWithinCooldown_SecondShotIgnored()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");
        HarnessPlayer carol = harness.Join("carol");
        harness.Room.PlaceShip(alice.Id, 10, 50, 1, 0);
        harness.Room.PlaceShip(bob.Id, 20, 50, 1, 0);
        harness.Room.PlaceShip(carol.Id, 30, 50, 1, 0);

        harness.Input(alice, new Fire());
        harness.Input(alice, new Fire());
        harness.Tick();

        Assert.Equal([new Hit(alice.Id.Value, bob.Id.Value)], harness.Broadcasts);
    }

    [Fact]
    public void Leave_ShipRemovedFromSnapshots()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");

        harness.Leave(bob);
        harness.Tick();

        Assert.Equal([alice.Id.Value], Assert.IsType<WorldSnapshot>(harness.LastSnapshotFor(alice).Body).Ships.Select(s => s.PlayerId));
        Assert.Equal(LeaveReason.Consented, harness.LastLeave(bob));
    }

    [Fact]
    public void Resume_AfterDrop_SameShipAndFullSnapshot()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        harness.Input(alice, new Move(0, 1));
        harness.Tick(5);
        ShipState before = ShipOf(harness.LastSnapshotFor(alice), alice);

        harness.Disconnect(alice);
        harness.Advance(TimeSpan.FromSeconds(10));
        harness.Resume(alice);
        harness.Tick();

        HarnessSnapshot<IArenaOutput> after = harness.LastSnapshotFor(alice);
        Assert.True(after.IsFull);
        Assert.Equal(before.PlayerId, ShipOf(after, alice).PlayerId);
        Assert.True(ShipOf(after, alice).Y >= before.Y);
    }

    [Fact]
    public void Replay_RandomMatch_IdenticalSnapshotBytes()
    {
        using var harness = Create(seed: 5);
        var script = new Random(17);
        HarnessPlayer[] players = [harness.Join("a"), harness.Join("b"), harness.Join("c")];
        for (int tick = 0; tick < 300; tick++)
        {
            foreach (HarnessPlayer player in players)
            {
                harness.Input(player, script.Next(4) == 0 ? new Fire() : new Move((sbyte)script.Next(-1, 2), (sbyte)script.Next(-1, 2)));
            }

            harness.Tick();
        }

        IReadOnlyList<RecordedSnapshot> replayed = RoomReplay.Run<ArenaRoom, IArenaInput, IArenaOutput>(
            harness.Recording, ArenaMessages.Inputs, ArenaMessages.Outputs);

        Assert.Equal(300, replayed.Count);
        Assert.Equal(harness.SnapshotBodies.Select(s => Convert.ToHexString(s.Body)), replayed.Select(s => Convert.ToHexString(s.Body)));
    }
}
