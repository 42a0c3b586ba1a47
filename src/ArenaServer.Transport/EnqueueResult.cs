namespace ArenaServer.Transport;

/// <summary>The outcome of handing a frame to a connection's outbound queue (CONVENTIONS.md §24).</summary>
public enum EnqueueResult
{
    /// <summary>The queue took the frame and owns one reference to it.</summary>
    Enqueued,

    /// <summary>The snapshot slot took the frame and released an older unsent snapshot.</summary>
    Coalesced,

    /// <summary>The message queue was full; the connection is being closed with 4008 and the caller still owns the frame.</summary>
    QueueFull,

    /// <summary>The connection is closing or closed; the caller still owns the frame.</summary>
    Closed,
}
