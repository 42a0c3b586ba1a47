using ArenaServer.Abstractions.LagCompensation;
using ArenaServer.Abstractions.Rooms;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Samples.Arena;

/// <summary>The demo arena: ships steer with <see cref="Move"/>, tag each other with <see cref="Fire"/> (hitscan,
/// authoritative and lag-compensated), score, and respawn after <see cref="RespawnDelay"/>. Plain single-threaded game
/// code against ArenaServer.Abstractions only; all randomness comes from <c>Context.Random</c>, so replays are exact.</summary>
/// <remarks>Shots are judged against what the shooter saw: other ships as they were <c>RTT/2</c> plus one snapshot
/// interval ago (the client draws remote ships between the two latest snapshots), read from a
/// <see cref="LagCompensationHistory{T}"/> of at most <see cref="MaxRewind"/>. The shooter's own ship is the present
/// one, since the client predicts it.</remarks>
public sealed class ArenaRoom : Room<IArenaInput, IArenaOutput>
{
    /// <summary>The square world's side length.</summary>
    public const float WorldSize = 100f;

    /// <summary>Ship speed in units per second.</summary>
    public const float Speed = 20f;

    /// <summary>Ship radius for hit detection.</summary>
    public const float ShipRadius = 3f;

    /// <summary>How far a shot reaches.</summary>
    public const float GunRange = 40f;

    /// <summary>Time between two shots of one ship.</summary>
    public static readonly TimeSpan FireCooldown = TimeSpan.FromSeconds(0.5);

    /// <summary>Time a tagged ship waits before respawning.</summary>
    public static readonly TimeSpan RespawnDelay = TimeSpan.FromSeconds(2);

    /// <summary>The furthest back a shot is judged (Source's <c>sv_maxunlag</c> default): a player with a worse
    /// connection aims at ships at most this old.</summary>
    public static readonly TimeSpan MaxRewind = TimeSpan.FromSeconds(1);

    // One second at the highest tick rate the server allows (120 Hz), plus the present.
    private const int HistoryTicks = 121;

    private readonly Dictionary<PlayerId, Ship> _ships = [];
    private readonly List<Ship> _order = [];
    private readonly List<ShipState> _snapshotShips = [];
    private readonly WorldSnapshot _snapshot;
    private readonly LagCompensationHistory<PoseFrame> _history = new(HistoryTicks);
    private readonly ShipPose[][] _poseRing = new ShipPose[HistoryTicks][];

    /// <summary>Creates an empty arena.</summary>
    public ArenaRoom()
    {
        _snapshot = new WorldSnapshot(_snapshotShips);
    }

    /// <inheritdoc />
    public override void OnJoined(Player player)
    {
        if (player.IsSpectator)
        {
            return;
        }

        var ship = new Ship(player);
        Spawn(ship);
        _ships.Add(player.Id, ship);
        _order.Add(ship);
    }

    /// <inheritdoc />
    public override void OnLeft(Player player, LeaveReason reason)
    {
        if (_ships.Remove(player.Id, out Ship? ship))
        {
            _order.Remove(ship);
        }
    }

    /// <inheritdoc />
    public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<IArenaInput>> inputs)
    {
        foreach (PlayerInput<IArenaInput> input in inputs)
        {
            if (!_ships.TryGetValue(input.Player.Id, out Ship? ship))
            {
                continue;
            }

            switch (input.Message)
            {
                case Move move:
                    Steer(ship, move);
                    break;
                case Fire:
                    TryFire(ship, tick);
                    break;
                default:
                    Context.Logger.LogDebug("Unexpected input {Type} from {PlayerId}", input.Message.GetType().Name, input.Player.Id);
                    break;
            }
        }

        float dt = (float)tick.DeltaTime.TotalSeconds;
        foreach (Ship ship in _order)
        {
            if (!ship.Alive)
            {
                if (tick.Number >= ship.RespawnAtTick)
                {
                    Spawn(ship);
                }

                continue;
            }

            ship.X = Math.Clamp(ship.X + (ship.DirectionX * Speed * dt), 0, WorldSize);
            ship.Y = Math.Clamp(ship.Y + (ship.DirectionY * Speed * dt), 0, WorldSize);
        }

        RecordPoses(tick.Number);
    }

    /// <inheritdoc />
    public override IArenaOutput? CreateSnapshot(in Tick tick)
    {
        // The engine encodes the snapshot as soon as this returns and keeps no reference to it, so one snapshot and
        // one list, refilled every tick, are enough: sending the world 30 times a second allocates nothing.
        _snapshotShips.Clear();
        foreach (Ship ship in _order)
        {
            _snapshotShips.Add(ship.ToState());
        }

        return _snapshot;
    }

    /// <summary>Places a ship exactly (tests set up duels with it).</summary>
    internal void PlaceShip(PlayerId id, float x, float y, float facingX, float facingY)
    {
        Ship ship = _ships[id];
        ship.X = x;
        ship.Y = y;
        ship.FacingX = facingX;
        ship.FacingY = facingY;

        // A teleport, not a move: the ship has always been here, as far as rewound shots are concerned.
        for (int slot = 0; slot < _poseRing.Length; slot++)
        {
            ShipPose[]? poses = _poseRing[slot];
            for (int i = 0; poses is not null && i < poses.Length; i++)
            {
                if (poses[i].PlayerId == id.Value)
                {
                    poses[i] = poses[i] with { X = x, Y = y };
                }
            }
        }
    }

    private static void Steer(Ship ship, Move move)
    {
        float x = Math.Clamp((int)move.X, -1, 1);
        float y = Math.Clamp((int)move.Y, -1, 1);
        float length = MathF.Sqrt((x * x) + (y * y));
        if (length == 0)
        {
            ship.DirectionX = 0;
            ship.DirectionY = 0;
            return;
        }

        ship.DirectionX = ship.FacingX = x / length;
        ship.DirectionY = ship.FacingY = y / length;
    }

    // Hitscan along the facing vector: the nearest live ship whose centre lies within ShipRadius of the ray, up to
    // GunRange, is tagged. The server decides; clients only render the Hit.
    private void TryFire(Ship shooter, in Tick tick)
    {
        if (!shooter.Alive || tick.Number < shooter.NextFireTick)
        {
            return;
        }

        shooter.NextFireTick = tick.Number + TicksFor(FireCooldown, tick);
        TimeSpan interpolationDelay = tick.DeltaTime;
        TimeSpan roundTrip = TimeSpan.FromTicks(Math.Min(shooter.Owner.RoundTripTime.Ticks, 2 * (MaxRewind - interpolationDelay).Ticks));
        bool rewound = _history.TryRewind(tick.Number, roundTrip, interpolationDelay, TickRateOf(tick), out _, out PoseFrame seen);
        Ship? target = null;
        float nearest = float.MaxValue;
        foreach (Ship other in _order)
        {
            if (other == shooter || !other.Alive)
            {
                continue;
            }

            // Where the shooter saw it: down then means no hit; a ship that joined since is judged where it is now.
            ShipPose pose = rewound && seen.TryFind(other.Owner.Id.Value, out ShipPose then)
                ? then
                : new ShipPose(other.Owner.Id.Value, other.X, other.Y, Alive: true);
            if (!pose.Alive)
            {
                continue;
            }

            float dx = pose.X - shooter.X;
            float dy = pose.Y - shooter.Y;
            float along = (dx * shooter.FacingX) + (dy * shooter.FacingY);
            float across = MathF.Abs((dx * shooter.FacingY) - (dy * shooter.FacingX));
            if (along >= 0 && along <= GunRange && across <= ShipRadius && along < nearest)
            {
                nearest = along;
                target = other;
            }
        }

        if (target is null)
        {
            return;
        }

        target.Alive = false;
        target.DirectionX = target.DirectionY = 0;
        target.RespawnAtTick = tick.Number + TicksFor(RespawnDelay, tick);
        shooter.Score++;
        Context.Broadcast(new Hit(shooter.Owner.Id.Value, target.Owner.Id.Value));
    }

    private void Spawn(Ship ship)
    {
        ship.X = (float)(Context.Random.NextDouble() * WorldSize);
        ship.Y = (float)(Context.Random.NextDouble() * WorldSize);
        ship.DirectionX = ship.DirectionY = 0;
        ship.Alive = true;
    }

    private void RecordPoses(long tickNumber)
    {
        int slot = (int)(tickNumber % HistoryTicks);
        ShipPose[] poses = _poseRing[slot];
        if (poses is null || poses.Length < _order.Count)
        {
            poses = _poseRing[slot] = new ShipPose[Math.Max(_order.Count, 8)];
        }

        for (int i = 0; i < _order.Count; i++)
        {
            Ship ship = _order[i];
            poses[i] = new ShipPose(ship.Owner.Id.Value, ship.X, ship.Y, ship.Alive);
        }

        _history.Record(tickNumber, new PoseFrame(poses, _order.Count));
    }

    private static int TickRateOf(in Tick tick) => (int)Math.Round(TimeSpan.FromSeconds(1) / tick.DeltaTime);

    private static long TicksFor(TimeSpan time, in Tick tick) => (long)Math.Ceiling(time / tick.DeltaTime);
}
