namespace ArenaServer.Server.Rooms;

/// <summary>How a join or resume ended.</summary>
internal enum SeatStatus
{
    /// <summary>Joined: send <c>Joined</c>.</summary>
    Joined,

    /// <summary>Resumed a held (or taken-over) seat: send <c>Resumed</c>.</summary>
    Resumed,

    /// <summary><c>OnJoining</c> rejected it: <c>Error{join_rejected}</c>, connection stays open.</summary>
    Rejected,

    /// <summary>No free player seat.</summary>
    RoomFull,

    /// <summary>The room is locked.</summary>
    Locked,

    /// <summary>The room is closed or closing.</summary>
    RoomClosed,

    /// <summary>The control queue is full: <c>Error{room_busy}</c>.</summary>
    RoomBusy,

    /// <summary>Unknown, expired or used resume token: close 4006.</summary>
    ResumeRejected,
}
