namespace ArenaServer.Abstractions.LagCompensation;

/// <summary>A fixed-size ring of per-tick states (positions, hit boxes, whole worlds) that room code can rewind to "the
/// tick this player saw" for hit detection (ARCHITECTURE.md §10, issue 5).</summary>
/// <typeparam name="T">The recorded state. Prefer an immutable value type (a <see langword="record struct"/> of
/// positions): the history stores what it is given, so a mutable reference would change the past.</typeparam>
/// <remarks>Owned by the room's tick thread, like all room state; not thread-safe. Allocation-free after
/// construction. Ticks must be recorded in increasing order; gaps are allowed (a tick without a record is simply not
/// found). The history holds the ticks from <see cref="NewestTick"/> − <see cref="Capacity"/> + 1 up to
/// <see cref="NewestTick"/>, so its capacity bounds how far any player can be compensated: size it as
/// <c>TickRate × the longest rewind you accept</c>.</remarks>
/// <example>
/// <code>
/// private readonly LagCompensationHistory&lt;Vector2[]&gt; _positions = new(capacity: 30); // 1 s at 30 Hz
///
/// public override void OnTick(in Tick tick, ReadOnlySpan&lt;PlayerInput&lt;IArenaInput&gt;&gt; inputs)
/// {
///     foreach (PlayerInput&lt;IArenaInput&gt; input in inputs)
///     {
///         if (input.Message is Shoot shot &amp;&amp;
///             _positions.TryRewind(tick.Number, input.Player.RoundTripTime, InterpolationDelay, TickRate,
///                 out long seenTick, out Vector2[] seen))
///         {
///             ResolveHit(shot, seen);   // judged against what the shooter saw, not against the present
///         }
///     }
///
///     Simulate(tick);
///     _positions.Record(tick.Number, SnapshotPositions());
/// }
/// </code>
/// </example>
public sealed class LagCompensationHistory<T>
{
    private const long NoTick = -1;

    private readonly long[] _ticks;
    private readonly T[] _states;
    private long _newest = NoTick;
    private long _first = NoTick;

    /// <summary>Creates an empty history.</summary>
    /// <param name="capacity">How many consecutive ticks it keeps.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    public LagCompensationHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ticks = new long[capacity];
        _states = new T[capacity];
        Array.Fill(_ticks, NoTick);
    }

    /// <summary>Gets how many consecutive ticks the history spans at most.</summary>
    public int Capacity => _ticks.Length;

    /// <summary>Gets whether nothing was recorded yet.</summary>
    public bool IsEmpty => _newest == NoTick;

    /// <summary>Gets the newest recorded tick, or −1 when empty.</summary>
    public long NewestTick => _newest;

    /// <summary>Gets the oldest tick still inside the window (it may be a gap), or −1 when empty.</summary>
    public long OldestTick => _newest == NoTick ? NoTick : Math.Max(_first, _newest - Capacity + 1);

    /// <summary>Records the state at the end of <paramref name="tick"/>, replacing the oldest entry when full.</summary>
    /// <param name="tick">The tick number (see <see cref="Rooms.Tick.Number"/>); at least the newest recorded one
    /// (recording the newest again replaces it).</param>
    /// <param name="state">The state to keep.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tick"/> is negative or older than
    /// <see cref="NewestTick"/>.</exception>
    public void Record(long tick, T state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tick);
        ArgumentOutOfRangeException.ThrowIfLessThan(tick, _newest);
        int slot = Slot(tick);
        _ticks[slot] = tick;
        _states[slot] = state;
        if (_first == NoTick)
        {
            _first = tick;
        }

        _newest = tick;
    }

    /// <summary>Looks up the state recorded at <paramref name="tick"/>.</summary>
    /// <param name="tick">The tick wanted.</param>
    /// <param name="state">The state when found; otherwise the default.</param>
    /// <returns><see langword="false"/> when the tick is outside the window, in the future, or was never recorded.</returns>
    public bool TryGetAt(long tick, out T state)
    {
        if (_newest != NoTick && tick >= OldestTick && tick <= _newest)
        {
            int slot = Slot(tick);
            if (_ticks[slot] == tick)
            {
                state = _states[slot];
                return true;
            }
        }

        state = default!;
        return false;
    }

    /// <summary>Applies <see cref="RewindRule.TicksBehind"/> and clamps the result into what this history can answer:
    /// never before <see cref="OldestTick"/>, and never after <paramref name="currentTick"/> or <see cref="NewestTick"/>
    /// (while a tick is being simulated its own state is not recorded yet; the newest record is the present).</summary>
    /// <param name="currentTick">The tick being simulated.</param>
    /// <param name="roundTripTime">The acting player's round-trip time.</param>
    /// <param name="interpolationDelay">The client's interpolation delay.</param>
    /// <param name="tickRate">The room's ticks per second.</param>
    /// <returns><c>currentTick − TicksBehind</c>, raised to <see cref="OldestTick"/> when the player is further behind
    /// than the history reaches and lowered to <see cref="NewestTick"/> when it is ahead of the records;
    /// <paramref name="currentTick"/> when the history is empty.</returns>
    public long GetRewindTick(long currentTick, TimeSpan roundTripTime, TimeSpan interpolationDelay, int tickRate)
    {
        long behind = RewindRule.TicksBehind(roundTripTime, interpolationDelay, tickRate);
        if (_newest == NoTick)
        {
            return currentTick;
        }

        long target = behind >= currentTick ? 0 : currentTick - behind;
        return Math.Min(Math.Max(target, OldestTick), Math.Min(currentTick, _newest));
    }

    /// <summary>Rewinds to the tick the player saw (<see cref="GetRewindTick"/>) and returns the state recorded there.</summary>
    /// <param name="currentTick">The tick being simulated.</param>
    /// <param name="roundTripTime">The acting player's round-trip time.</param>
    /// <param name="interpolationDelay">The client's interpolation delay.</param>
    /// <param name="tickRate">The room's ticks per second.</param>
    /// <param name="tick">The tick rewound to.</param>
    /// <param name="state">The state at <paramref name="tick"/> when found.</param>
    /// <returns><see langword="false"/> when nothing is recorded at that tick (an empty history, a gap, or a current
    /// tick not recorded yet).</returns>
    public bool TryRewind(long currentTick, TimeSpan roundTripTime, TimeSpan interpolationDelay, int tickRate,
        out long tick, out T state)
    {
        tick = GetRewindTick(currentTick, roundTripTime, interpolationDelay, tickRate);
        return TryGetAt(tick, out state);
    }

    /// <summary>Forgets every record (for example when a round restarts and tick numbers are reused).</summary>
    public void Clear()
    {
        Array.Fill(_ticks, NoTick);
        Array.Clear(_states);
        _newest = NoTick;
        _first = NoTick;
    }

    private int Slot(long tick) => (int)(tick % _ticks.Length);
}
