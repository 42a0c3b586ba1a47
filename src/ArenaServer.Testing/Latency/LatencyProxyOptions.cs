namespace ArenaServer.Testing.Latency;

/// <summary>How a <see cref="LatencyProxy"/> delays traffic.</summary>
/// <example>
/// <code>
/// var options = new LatencyProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(50), Jitter = TimeSpan.FromMilliseconds(20), Seed = 7 };
/// </code>
/// </example>
public sealed class LatencyProxyOptions
{
    /// <summary>Gets the delay added to every chunk in each direction, so a round trip gains twice this. Defaults to
    /// zero (a plain loopback relay).</summary>
    public TimeSpan OneWayDelay { get; init; }

    /// <summary>Gets the jitter: each chunk's delay is drawn uniformly from <see cref="OneWayDelay"/> ± this (floored
    /// at zero). Defaults to zero. Order is preserved regardless, as TCP would: a chunk is never delivered before the one
    /// read before it.</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Gets the seed of the delay draws, so a run is reproducible. Each connection and direction draws from
    /// its own sequence (derived from this seed and the connection's number), so the chunking of one direction does not
    /// shift the other's delays. Defaults to 0.</summary>
    public int Seed { get; init; }

    /// <summary>Gets how many bytes each direction of each connection may hold while they wait out their delay (or
    /// their turn to be written); at the cap the proxy stops reading from that side, and TCP pushes back on the sender.
    /// Defaults to 1 MiB: more than 80 ms of a 100 Mbit/s stream.</summary>
    public int MaxBufferedBytes { get; init; } = 1024 * 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(OneWayDelay, TimeSpan.Zero, nameof(OneWayDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(Jitter, TimeSpan.Zero, nameof(Jitter));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBufferedBytes, nameof(MaxBufferedBytes));
    }
}
