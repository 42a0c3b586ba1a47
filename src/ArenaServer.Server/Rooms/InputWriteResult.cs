namespace ArenaServer.Server.Rooms;

/// <summary>The outcome of queueing one input (CONVENTIONS.md §23).</summary>
internal enum InputWriteResult
{
    /// <summary>Queued for the next tick.</summary>
    Queued,

    /// <summary>The room's input queue is full: dropped and counted.</summary>
    QueueFull,

    /// <summary>The room is closed: dropped.</summary>
    RoomClosed,
}
