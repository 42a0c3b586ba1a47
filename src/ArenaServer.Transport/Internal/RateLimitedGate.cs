namespace ArenaServer.Transport.Internal;

/// <summary>Lets one Warning through per window so a flood of drops cannot flood the log (CONVENTIONS.md §34).</summary>
/// <remarks>Thread-safe; <see cref="ShouldLog"/> is lock-free.</remarks>
internal sealed class RateLimitedGate
{
    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private long _next;

    public RateLimitedGate(TimeProvider time, TimeSpan window)
    {
        _time = time;
        _windowTicks = (long)(window.TotalSeconds * time.TimestampFrequency);
        _next = long.MinValue;
    }

    public bool ShouldLog()
    {
        long now = _time.GetTimestamp();
        long next = Volatile.Read(ref _next);
        return now >= next && Interlocked.CompareExchange(ref _next, now + _windowTicks, next) == next;
    }
}
