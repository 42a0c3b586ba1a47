namespace ArenaServer.Abstractions.Rooms;

/// <summary>What to do with a seat after an unplanned drop: hold it for a resume, or release it.</summary>
/// <example>
/// <code>
/// public override ReconnectDecision OnDisconnected(Player player, DisconnectReason reason)
///     => _roundOver ? ReconnectDecision.Release() : ReconnectDecision.HoldSeat();
/// </code>
/// </example>
public readonly struct ReconnectDecision : IEquatable<ReconnectDecision>
{
    private ReconnectDecision(bool hold, TimeSpan? gracePeriod)
    {
        Holds = hold;
        GracePeriod = gracePeriod;
    }

    /// <summary>Gets whether the seat is held.</summary>
    public bool Holds { get; }

    /// <summary>Gets the hold time, or null for <see cref="RoomOptions.ReconnectGracePeriod"/>.</summary>
    public TimeSpan? GracePeriod { get; }

    /// <summary>Holds the seat for <see cref="RoomOptions.ReconnectGracePeriod"/> (the default decision).</summary>
    /// <returns>The decision.</returns>
    public static ReconnectDecision HoldSeat() => new(true, null);

    /// <summary>Holds the seat for <paramref name="gracePeriod"/>.</summary>
    /// <param name="gracePeriod">Positive.</param>
    /// <returns>The decision.</returns>
    public static ReconnectDecision HoldSeatFor(TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gracePeriod, TimeSpan.Zero);
        return new(true, gracePeriod);
    }

    /// <summary>Releases the seat now: <c>OnLeft(player, Released)</c> follows.</summary>
    /// <returns>The decision.</returns>
    public static ReconnectDecision Release() => new(false, null);

    /// <inheritdoc />
    public bool Equals(ReconnectDecision other) => Holds == other.Holds && GracePeriod == other.GracePeriod;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ReconnectDecision other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Holds, GracePeriod);

    /// <summary>Equality.</summary>
    /// <param name="left">A decision.</param>
    /// <param name="right">Another decision.</param>
    /// <returns>Whether both are the same.</returns>
    public static bool operator ==(ReconnectDecision left, ReconnectDecision right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">A decision.</param>
    /// <param name="right">Another decision.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ReconnectDecision left, ReconnectDecision right) => !left.Equals(right);
}
