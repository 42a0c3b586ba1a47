namespace ArenaServer.Server.Rooms;

/// <summary>What a hook asked for, applied in order after it returns.</summary>
internal enum PendingOutputKind
{
    /// <summary><c>Send</c>.</summary>
    Send,

    /// <summary><c>Broadcast</c>.</summary>
    Broadcast,

    /// <summary><c>BroadcastEvent</c>.</summary>
    Event,

    /// <summary><c>Kick</c>.</summary>
    Kick,
}
