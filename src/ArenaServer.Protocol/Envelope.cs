using System.Buffers;

namespace ArenaServer.Protocol;

/// <summary>One decoded envelope (proto/PROTOCOL.md §4). Only the properties of its <see cref="Kind"/> are set; the
/// others keep their defaults.</summary>
/// <remarks>The <see cref="ReadOnlySequence{T}"/> properties are slices of the message that was read and are valid
/// only as long as its buffer is. The per-tick kinds (Input, Ping, Snapshot, Message, Latency, Pong) decode without
/// allocating; the once-per-session kinds materialize their strings.</remarks>
public readonly struct Envelope
{
    /// <summary>The kind (first element).</summary>
    public EnvelopeKind Kind { get; init; }

    /// <summary>Input: the input sequence number, strictly increasing per connection (uint32).</summary>
    public uint Sequence { get; init; }

    /// <summary>Input, Resume: the newest snapshot tick the client has applied (0 before the first).</summary>
    public long LastSnapshotTick { get; init; }

    /// <summary>Input, Snapshot, Message: the body's message tag in the room type's <c>MessageSet</c> (0–127).</summary>
    public byte Tag { get; init; }

    /// <summary>Input, Snapshot, Message: the body; Join: the options (empty when omitted); Event: the data; Presence: the
    /// upserts array. One
    /// whole encoded MessagePack value, validated against the reader's limits.</summary>
    public ReadOnlySequence<byte> Body { get; init; }

    /// <summary>Presence: whether this is the full list (replace) rather than a delta.</summary>
    public bool IsFullPresence { get; init; }

    /// <summary>Presence: the encoded array of removed player ids (read it with <see cref="PresenceCodec"/>); the
    /// upserts are in <see cref="Body"/>.</summary>
    public ReadOnlySequence<byte> PresenceRemovals { get; init; }

    /// <summary>Join: the room type name.</summary>
    public string? RoomType { get; init; }

    /// <summary>Join (optional), Joined, Resumed: the room id.</summary>
    public RoomIdValue RoomId { get; init; }

    /// <summary>Resume, Joined, Resumed: the resume token as one encoded MessagePack value (a str or a bin).
    /// Clients send it back unchanged, byte for byte.</summary>
    public ReadOnlySequence<byte> ResumeToken { get; init; }

    /// <summary>Subscribe, Unsubscribe: the channel; Event: the target channel, or null for the room.</summary>
    public string? Channel { get; init; }

    /// <summary>Ping, Pong: the client's clock in milliseconds, echoed unchanged.</summary>
    public long ClientTimeMs { get; init; }

    /// <summary>Pong: the server's Unix time in milliseconds.</summary>
    public long ServerTimeMs { get; init; }

    /// <summary>Joined, Resumed, Snapshot, Pong: the room's current tick.</summary>
    public long ServerTick { get; init; }

    /// <summary>Snapshot: the highest input sequence of this player handed to <c>OnTick</c> (0 before any).</summary>
    public uint AckedInputSequence { get; init; }

    /// <summary>Joined, Resumed: the player's id within the room.</summary>
    public int PlayerId { get; init; }

    /// <summary>Joined: the room's ticks per second (1–120).</summary>
    public int TickRate { get; init; }

    /// <summary>Latency: the smoothed round-trip time in microseconds (RFC 6298 SRTT).</summary>
    public long RttMicros { get; init; }

    /// <summary>Latency: the round-trip variation in microseconds (RFC 6298 RTTVAR).</summary>
    public long JitterMicros { get; init; }

    /// <summary>Redirect: the WebSocket URL of the node that hosts the room.</summary>
    public string? Url { get; init; }

    /// <summary>Redirect: the single-use seat reservation to pass as <c>?reservation=</c>.</summary>
    public string? Reservation { get; init; }

    /// <summary>Event: the event name.</summary>
    public string? EventName { get; init; }

    /// <summary>Error: the snake_case code (<see cref="ErrorCodes"/>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Error: the human-readable message (never parse it).</summary>
    public string? ErrorMessage { get; init; }
}
