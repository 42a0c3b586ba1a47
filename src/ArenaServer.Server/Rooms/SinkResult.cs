namespace ArenaServer.Server.Rooms;

/// <summary>The outcome of handing a frame to a <see cref="IPlayerSink"/> (CONVENTIONS.md §24).</summary>
internal enum SinkResult
{
    /// <summary>Taken: the sink owns one reference.</summary>
    Accepted,

    /// <summary>Taken into the snapshot slot, replacing (and releasing) an unsent older snapshot.</summary>
    Coalesced,

    /// <summary>The reliable queue was full: the sink closes its connection with 4008; the caller keeps the reference.</summary>
    QueueFull,

    /// <summary>The connection is closing or closed; the caller keeps the reference.</summary>
    Closed,
}
