namespace ArenaServer.Abstractions.LagCompensation;

/// <summary>The lag-compensation rule (ARCHITECTURE.md §10, issue 5): a player acting at the current tick saw the world
/// as it was half a round trip ago (the snapshot's trip to the player), minus the interpolation delay of the client's
/// renderer, so hits are judged against the state that many ticks back.</summary>
/// <remarks>Pure, allocation-free and thread-safe. The rounding is to the nearest tick, halves away from zero, so a
/// rewind of 5.5 ticks goes 6 ticks back; <see cref="LagCompensationHistory{T}.GetRewindTick"/> adds the clamping.</remarks>
/// <example>
/// <code>
/// // 150 ms RTT and 100 ms interpolation at 30 Hz: (75 + 100) ms * 30 / s = 5.25, so 5 ticks back.
/// long back = RewindRule.TicksBehind(TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(100), tickRate: 30);
/// </code>
/// </example>
public static class RewindRule
{
    /// <summary>Computes <c>round((RTT/2 + interpolationDelay) / dt)</c> with <c>dt = 1 / tickRate</c>, exactly (no
    /// floating point).</summary>
    /// <param name="roundTripTime">The player's round-trip time, typically <see cref="Rooms.Player.RoundTripTime"/>.</param>
    /// <param name="interpolationDelay">How far behind the newest snapshot the client renders (0 without interpolation).</param>
    /// <param name="tickRate">The room's ticks per second.</param>
    /// <returns>How many ticks to go back; never negative, so never into the future.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative time, or a tick rate that is not positive.</exception>
    public static long TicksBehind(TimeSpan roundTripTime, TimeSpan interpolationDelay, int tickRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTripTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(interpolationDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tickRate);

        // In half-ticks of TimeSpan so RTT/2 stays an integer: (rtt + 2 * delay) * rate / (2 * TicksPerSecond).
        Int128 numerator = ((Int128)roundTripTime.Ticks + (2 * (Int128)interpolationDelay.Ticks)) * tickRate;
        Int128 denominator = 2 * (Int128)TimeSpan.TicksPerSecond;
        Int128 rounded = (numerator + (denominator / 2)) / denominator;
        return rounded > long.MaxValue ? long.MaxValue : (long)rounded;
    }
}
