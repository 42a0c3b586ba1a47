namespace ArenaServer.Transport.Latency;

/// <summary>Smooths round-trip samples the way TCP does (RFC 6298 §2): a smoothed round-trip time (SRTT) and its mean
/// deviation (RTTVAR), which ArenaServer reports as jitter.</summary>
/// <remarks>A mutable value type: keep it in a field (not a <see langword="readonly"/> one) and call
/// <see cref="AddSample"/> on that field. Single-threaded, O(1) and allocation-free; the owner (for example the read loop
/// that matched the Pong) serializes access. The state is kept in fractional ticks, so the arithmetic is exact for the
/// RFC's divisions by 4 and 8 and only the exposed <see cref="TimeSpan"/> values are rounded to whole ticks.</remarks>
/// <example>
/// <code>
/// private RttEstimator _rtt;
///
/// public void OnRoundTripSample(WebSocketConnection connection, TimeSpan rtt)
/// {
///     _rtt.AddSample(rtt);
///     Publish(_rtt.SmoothedRoundTripTime, _rtt.Jitter);
/// }
/// </code>
/// </example>
public struct RttEstimator
{
    // RFC 6298 §2.3: alpha = 1/8 and beta = 1/4, "as suggested in [JK88]".
    private const double Alpha = 1.0 / 8;
    private const double Beta = 1.0 / 4;

    private double _smoothed;
    private double _variation;
    private long _last;
    private long _count;

    /// <summary>Gets the smoothed round-trip time (RFC 6298 SRTT), or zero before the first sample.</summary>
    public readonly TimeSpan SmoothedRoundTripTime => FromTicks(_smoothed);

    /// <summary>Gets the round-trip time variation (RFC 6298 RTTVAR, the mean deviation of the samples from SRTT), or
    /// zero before the first sample.</summary>
    public readonly TimeSpan Jitter => FromTicks(_variation);

    /// <summary>Gets the most recent sample as given, or zero before the first.</summary>
    public readonly TimeSpan LastSample => TimeSpan.FromTicks(_last);

    /// <summary>Gets how many samples were added.</summary>
    public readonly long SampleCount => _count;

    /// <summary>Adds one round-trip measurement.</summary>
    /// <param name="sample">The measured round-trip time; zero is allowed (a loopback peer can answer within one tick).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sample"/> is negative.</exception>
    public void AddSample(TimeSpan sample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sample, TimeSpan.Zero);
        double s = sample.Ticks;
        if (_count == 0)
        {
            // RFC 6298 §2.2: the first measurement R sets SRTT <- R, RTTVAR <- R/2.
            _smoothed = s;
            _variation = s / 2;
        }
        else
        {
            // RFC 6298 §2.3: RTTVAR is updated first, because it must use the SRTT from before this sample.
            _variation += (Math.Abs(s - _smoothed) - _variation) * Beta;
            _smoothed += (s - _smoothed) * Alpha;
        }

        _last = sample.Ticks;
        _count++;
    }

    /// <summary>Forgets every sample, as when a connection is replaced.</summary>
    public void Reset() => this = default;

    private static TimeSpan FromTicks(double ticks) => TimeSpan.FromTicks((long)Math.Round(ticks, MidpointRounding.AwayFromZero));
}
