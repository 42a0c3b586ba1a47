namespace ArenaServer.FunctionalTests.Latency;

/// <summary>The system clock, except that periodic timers (the transport's 1 s heartbeat, the only one) beat every
/// <c>beat</c>, so a short <c>PingInterval</c> takes effect in a test instead of being rounded up to whole seconds.</summary>
/// <remarks>Timestamps stay real, so measured round trips are real; one-shot timers (timeouts, delays) are unchanged.</remarks>
internal sealed class FastHeartbeatTimeProvider(TimeSpan beat) : TimeProvider
{
    public override long TimestampFrequency => System.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public override long GetTimestamp() => System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        bool periodic = period != Timeout.InfiniteTimeSpan && period > TimeSpan.Zero;
        return periodic ? System.CreateTimer(callback, state, beat, beat) : System.CreateTimer(callback, state, dueTime, period);
    }
}
