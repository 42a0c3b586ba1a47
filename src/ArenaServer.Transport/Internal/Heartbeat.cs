namespace ArenaServer.Transport.Internal;

/// <summary>A periodic beat (1 s, or half the ping interval when that is shorter) from the injected
/// <see cref="TimeProvider"/> (Kestrel's Heartbeat): enforces handshake, close, pong and slow-consumer timeouts and
/// schedules pings, with O(1) work per connection.</summary>
/// <remarks>The callback runs on a timer thread (or inside <c>ManualClock.Advance</c> under test); beats never overlap:
/// a beat that finds the previous one still running is skipped.</remarks>
internal sealed class Heartbeat : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly TimeSpan _period;
    private readonly Action<long> _onBeat;
    private readonly Action<Exception> _onError;
    private ITimer? _timer;
    private int _running;

    public Heartbeat(TimeProvider time, Action<long> onBeat, Action<Exception> onError)
        : this(time, Interval, onBeat, onError)
    {
    }

    public Heartbeat(TimeProvider time, TimeSpan period, Action<long> onBeat, Action<Exception> onError)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        _time = time;
        _period = period;
        _onBeat = onBeat;
        _onError = onError;
    }

    /// <summary>The beat for a ping interval: pings go out at most one beat late, so a beat of half the interval keeps
    /// short intervals (tests, fast-paced games) real instead of rounding them up to whole seconds.</summary>
    public static TimeSpan PeriodFor(TimeSpan pingInterval)
        => pingInterval / 2 < Interval && pingInterval > TimeSpan.Zero ? pingInterval / 2 : Interval;

    public void Start() => _timer = _time.CreateTimer(static state => ((Heartbeat)state!).OnTimer(), this, _period, _period);

    public void Dispose() => _timer?.Dispose();

    private void OnTimer()
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            return;
        }

        try
        {
            _onBeat(_time.GetTimestamp());
        }
        catch (Exception ex)
        {
            _onError(ex);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
