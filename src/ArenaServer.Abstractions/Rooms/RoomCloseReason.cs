namespace ArenaServer.Abstractions.Rooms;

/// <summary>Why a room closed; passed to <see cref="Room{TInput, TOutput}.OnClosingAsync"/>.</summary>
/// <remarks>Named <c>RoomCloseReason</c> rather than <c>CloseReason</c> because <c>ArenaServer.Transport.CloseReason</c>
/// (why a connection ended) is used by the same server code.</remarks>
/// <example>
/// <code>
/// public override async ValueTask OnClosingAsync(RoomCloseReason reason, CancellationToken cancellationToken)
///     => await _scores.SaveAsync(Context.Id, reason, cancellationToken).ConfigureAwait(false);
/// </code>
/// </example>
public enum RoomCloseReason
{
    /// <summary>Room code called <see cref="RoomContext{TOutput}.Close"/> (clients get 4002).</summary>
    Requested,

    /// <summary>The room had no players for <see cref="RoomOptions.MaxEmptyTime"/>.</summary>
    Empty,

    /// <summary>A hook threw and <see cref="RoomOptions.OnError"/> is <see cref="RoomErrorPolicy.CloseRoom"/> (clients get 1011).</summary>
    Error,

    /// <summary>The server is shutting down (clients get 4001).</summary>
    ServerShutdown,
}
