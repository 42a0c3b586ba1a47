namespace ArenaServer.Abstractions.Rooms;

/// <summary>One fixed simulation step of a room.</summary>
/// <param name="Number">The tick number: 1 for the first tick, then strictly increasing by one. Skipped ticks (past
/// <see cref="RoomOptions.MaxCatchUpTicks"/>) are not numbered: the number counts simulated steps.</param>
/// <param name="DeltaTime">Always <c>1 / TickRate</c>: the step never varies ("Fix Your Timestep!").</param>
/// <example>
/// <code>
/// public override void OnTick(in Tick tick, ReadOnlySpan&lt;PlayerInput&lt;IArenaInput&gt;&gt; inputs)
/// {
///     float dt = (float)tick.DeltaTime.TotalSeconds;
///     foreach (Ship ship in _ships.Values) { ship.X += ship.Vx * dt; }
/// }
/// </code>
/// </example>
public readonly record struct Tick(long Number, TimeSpan DeltaTime);
