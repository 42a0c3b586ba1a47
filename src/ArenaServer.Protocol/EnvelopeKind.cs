namespace ArenaServer.Protocol;

/// <summary>The first element of every envelope (proto/PROTOCOL.md §4): a positive fixint below 128, so each kind
/// costs one byte. Client-to-server kinds are below 64, server-to-client kinds 64 and up.</summary>
public enum EnvelopeKind : byte
{
    /// <summary>C→S <c>[1, roomType, roomId?, options?]</c>: join a room of a type, optionally a given one.</summary>
    Join = 1,

    /// <summary>C→S <c>[2, resumeToken, lastSnapshotTick]</c>: reclaim a held seat within the grace period.</summary>
    Resume = 2,

    /// <summary>C→S <c>[3, seq, lastSnapshotTick, tag, body]</c>: one player input; <c>seq</c> strictly increases.</summary>
    Input = 3,

    /// <summary>C→S <c>[4]</c>: consented leave; the seat is released at once.</summary>
    Leave = 4,

    /// <summary>C→S <c>[5, channel]</c>: subscribe to a channel's events.</summary>
    Subscribe = 5,

    /// <summary>C→S <c>[6, channel]</c>: unsubscribe from a channel.</summary>
    Unsubscribe = 6,

    /// <summary>C→S <c>[7, clientTimeMs]</c>: application-level ping, answered at once with <see cref="Pong"/>.</summary>
    Ping = 7,

    /// <summary>S→C <c>[64, playerId, roomId, resumeToken, tickRate, serverTick]</c>.</summary>
    Joined = 64,

    /// <summary>S→C <c>[65, playerId, roomId, resumeToken, serverTick]</c>; the token is rotated on each resume.</summary>
    Resumed = 65,

    /// <summary>S→C <c>[66, serverTick, ackedInputSeq, tag, body]</c>.</summary>
    Snapshot = 66,

    /// <summary>S→C <c>[67, tag, body]</c>: a room <c>Send</c> or <c>Broadcast</c>.</summary>
    Message = 67,

    /// <summary>S→C <c>[68, target, name, data]</c>: an event from the publish API; <c>target</c> is nil for the
    /// room or the channel name.</summary>
    Event = 68,

    /// <summary>S→C <c>[69, rttMicros, jitterMicros]</c>: sent after each WebSocket ping sample.</summary>
    Latency = 69,

    /// <summary>S→C <c>[70, clientTimeMs, serverTimeMs, serverTick]</c>: the answer to <see cref="Ping"/>.</summary>
    Pong = 70,

    /// <summary>S→C <c>[71, url, reservation]</c>: the room lives on another node; the server then closes with 4005.</summary>
    Redirect = 71,

    /// <summary>S→C <c>[72, code, message]</c>: <c>code</c> is one of <see cref="ErrorCodes"/>.</summary>
    Error = 72,

    /// <summary>S→C <c>[73, full, upserts, removals]</c>: who is in the room. <c>upserts</c> are
    /// <c>[playerId, name, role, connected]</c> entries, <c>removals</c> player ids; a <c>full</c> one (sent right after
    /// Joined/Resumed) lists everyone and replaces the client's list.</summary>
    Presence = 73,
}
