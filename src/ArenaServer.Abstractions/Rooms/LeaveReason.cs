namespace ArenaServer.Abstractions.Rooms;

/// <summary>Why a player left the room for good (its seat is released).</summary>
/// <example>
/// <code>
/// public override void OnLeft(Player player, LeaveReason reason) => _ships.Remove(player.Id);
/// </code>
/// </example>
public enum LeaveReason
{
    /// <summary>The client sent Leave (close 4000).</summary>
    Consented,

    /// <summary>The seat was held after a drop and the grace period expired without a resume.</summary>
    ReconnectTimedOut,

    /// <summary><see cref="Room{TInput, TOutput}.OnDisconnected"/> returned <see cref="ReconnectDecision.Release"/>.</summary>
    Released,

    /// <summary>Room code called <see cref="RoomContext{TOutput}.Kick"/> (close 4003).</summary>
    Kicked,

    /// <summary>The connection was closed for exceeding its rate limit (close 4029).</summary>
    RateLimited,

    /// <summary>The connection was closed for a protocol error (close 4010).</summary>
    ProtocolError,

    /// <summary>The room closed.</summary>
    RoomClosed,

    /// <summary>The server is shutting down.</summary>
    ServerShutdown,
}
