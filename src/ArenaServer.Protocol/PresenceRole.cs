namespace ArenaServer.Protocol;

/// <summary>A room member's role in a Presence entry (proto/PROTOCOL.md §5, kind 73).</summary>
public enum PresenceRole : byte
{
    /// <summary>Holds a player seat and sends inputs.</summary>
    Player = 0,

    /// <summary>Watches: receives snapshots and messages, sends no inputs, takes no player seat.</summary>
    Spectator = 1,
}
