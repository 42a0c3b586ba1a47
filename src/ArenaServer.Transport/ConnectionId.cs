namespace ArenaServer.Transport;

/// <summary>Identifies one accepted TCP connection for the lifetime of its <see cref="ArenaListener"/>.</summary>
/// <param name="Value">A process-wide increasing number, never reused, so logs from different layers correlate.</param>
public readonly record struct ConnectionId(long Value)
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
