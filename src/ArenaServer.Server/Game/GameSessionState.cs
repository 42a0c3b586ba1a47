namespace ArenaServer.Server.Game;

/// <summary>Where a <c>/ws</c> connection is in its session (proto/PROTOCOL.md §6).</summary>
internal enum GameSessionState
{
    /// <summary>Connected, no seat: Join, Resume and Ping are allowed.</summary>
    Lobby,

    /// <summary>A Join or Resume is queued in a room; inputs arriving now are dropped.</summary>
    Seating,

    /// <summary>Bound to a seat: inputs flow to the room.</summary>
    Seated,

    /// <summary>Closed, left or failed: nothing more is processed.</summary>
    Ended,
}
