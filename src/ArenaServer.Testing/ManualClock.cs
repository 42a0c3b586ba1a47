namespace ArenaServer.Testing;

/// <summary>A <see cref="TimeProvider"/> that moves only when a test says so (CONVENTIONS.md §17, §43).</summary>
/// <remarks>Timers created from it fire synchronously inside <see cref="Advance"/>, in due order, on the calling
/// thread. All members are thread-safe.</remarks>
/// <example>
/// <code>
/// var clock = new ManualClock();
/// long start = clock.GetTimestamp();
/// clock.Advance(TimeSpan.FromSeconds(21));
/// Assert.Equal(TimeSpan.FromSeconds(21), clock.GetElapsedTime(start));
/// </code>
/// </example>
public sealed class ManualClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _ticks;

    /// <summary>Creates a clock at <paramref name="start"/> (default 2026-01-01T00:00Z) with timestamp 0.</summary>
    /// <param name="start">The initial UTC time.</param>
    public ManualClock(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _ticks;
        }
    }

    /// <summary>Moves time forward, firing due timers in order.</summary>
    /// <param name="by">Zero or more.</param>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        long target;
        lock (_gate)
        {
            target = _ticks + by.Ticks;
        }

        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (due is null)
                {
                    _now += TimeSpan.FromTicks(target - _ticks);
                    _ticks = target;
                    return;
                }

                _now += TimeSpan.FromTicks(Math.Max(0, due.DueAt - _ticks));
                _ticks = Math.Max(_ticks, due.DueAt);
                due.Reschedule();
            }

            due.Fire();
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private long _period;

        public long DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = clock._ticks + dueTime.Ticks;
                    clock._timers.Add(this);
                }
            }

            return true;
        }

        // Called under the clock's lock, just before firing.
        public void Reschedule()
        {
            clock._timers.Remove(this);
            if (_period > 0)
            {
                DueAt += _period;
                clock._timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
