namespace ArenaServer.Protocol;

/// <summary>The <c>code</c> strings of the Error envelope (kind 72), shared with every client (proto/PROTOCOL.md §7).</summary>
public static class ErrorCodes
{
    /// <summary>The room's <c>OnJoining</c> rejected the join; the message carries its reason. The connection stays open.</summary>
    public const string JoinRejected = "join_rejected";

    /// <summary>The room is full (<c>MaxPlayers</c>).</summary>
    public const string RoomFull = "room_full";

    /// <summary>The room is locked against new joins.</summary>
    public const string RoomLocked = "room_locked";

    /// <summary>The room's control queue is full; retry with backoff.</summary>
    public const string RoomBusy = "room_busy";

    /// <summary>No room with the requested id exists.</summary>
    public const string RoomNotFound = "room_not_found";

    /// <summary>No room type with the requested name is registered.</summary>
    public const string UnknownRoomType = "unknown_room_type";

    /// <summary>A Join or Resume arrived on a connection that is already in a room.</summary>
    public const string AlreadyJoined = "already_joined";

    /// <summary>An Input arrived before Joined or Resumed.</summary>
    public const string NotJoined = "not_joined";

    /// <summary>The token's claims do not allow subscribing to that channel.</summary>
    public const string SubscribeDenied = "subscribe_denied";

    /// <summary>The Join's options break a rule the server checks (<c>name</c>, <c>spectate</c>, <c>private</c>; see
    /// <see cref="JoinOptions"/>); the message says which. The connection stays open.</summary>
    public const string InvalidOptions = "invalid_options";

    /// <summary>An Input from a spectator, who sends none; the input is dropped and the connection stays open.</summary>
    public const string NotAPlayer = "not_a_player";

    /// <summary>Sent just before a close with 4010: the message says what was malformed.</summary>
    public const string ProtocolError = "protocol_error";

    /// <summary>Sent just before a close with 4029.</summary>
    public const string RateLimited = "rate_limited";
}
