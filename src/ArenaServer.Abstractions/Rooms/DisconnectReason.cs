namespace ArenaServer.Abstractions.Rooms;

/// <summary>Why a player's connection dropped without a consented leave; the seat may be held for a resume.</summary>
/// <example>
/// <code>
/// public override ReconnectDecision OnDisconnected(Player player, DisconnectReason reason)
///     => reason == DisconnectReason.SlowConsumer ? ReconnectDecision.HoldSeat() : ReconnectDecision.HoldSeatFor(TimeSpan.FromSeconds(10));
/// </code>
/// </example>
public enum DisconnectReason
{
    /// <summary>The socket closed or failed without a close handshake.</summary>
    ConnectionLost,

    /// <summary>No pong within <c>Transport:PongTimeout</c>.</summary>
    PingTimeout,

    /// <summary>The connection's outbound queue overflowed or its writes stalled (close 4008).</summary>
    SlowConsumer,
}
