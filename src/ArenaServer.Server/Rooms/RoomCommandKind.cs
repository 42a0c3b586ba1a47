namespace ArenaServer.Server.Rooms;

/// <summary>The kinds of control and lifecycle commands a room host applies at tick start.</summary>
internal enum RoomCommandKind
{
    /// <summary>A join (control queue, bounded).</summary>
    Join,

    /// <summary>A resume by token (control queue, bounded).</summary>
    Resume,

    /// <summary>A resume of a known seat without a token: replay only.</summary>
    ResumeSeat,

    /// <summary>A server event (control queue, bounded).</summary>
    ServerEvent,

    /// <summary>An unplanned drop (lifecycle notice).</summary>
    Disconnect,

    /// <summary>A consented leave or a protocol/rate-limit close (lifecycle notice).</summary>
    Leave,
}
