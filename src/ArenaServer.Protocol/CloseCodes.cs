namespace ArenaServer.Protocol;

/// <summary>WebSocket close codes the server sends, shared with every client (proto/PROTOCOL.md §8).</summary>
/// <remarks>1000–1011 are RFC 6455 §7.4.1 codes; 4000–4999 are reserved for applications (RFC 6455 §7.4.2) and are
/// ours. Only <see cref="SlowConsumer"/> (and a drop without a close frame) holds the seat for the grace period.</remarks>
public static class CloseCodes
{
    /// <summary>1000: normal closure.</summary>
    public const ushort NormalClosure = 1000;

    /// <summary>1001: endpoint going away.</summary>
    public const ushort GoingAway = 1001;

    /// <summary>1002: WebSocket protocol error (bad framing, RSV bits set).</summary>
    public const ushort ProtocolError = 1002;

    /// <summary>1007: a text frame that is not valid UTF-8 (RFC 6455 §8.1).</summary>
    public const ushort InvalidPayloadData = 1007;

    /// <summary>1008: policy violation.</summary>
    public const ushort PolicyViolation = 1008;

    /// <summary>1009: a message larger than <c>Transport:MaxMessageSize</c> (16 KiB by default).</summary>
    public const ushort MessageTooBig = 1009;

    /// <summary>1011: the room crashed (its hook threw and <c>OnError</c> is <c>CloseRoom</c>).</summary>
    public const ushort InternalServerError = 1011;

    /// <summary>4000: the client sent Leave; the seat is released.</summary>
    public const ushort Left = 4000;

    /// <summary>4001: the server is shutting down or draining; reconnect with backoff. No seat is held.</summary>
    public const ushort ServerShutdown = 4001;

    /// <summary>4002: the room was closed by room code.</summary>
    public const ushort RoomClosed = 4002;

    /// <summary>4003: the player was kicked.</summary>
    public const ushort Kicked = 4003;

    /// <summary>4004: the seat was taken over by a resume on another connection.</summary>
    public const ushort SeatTakenOver = 4004;

    /// <summary>4005: redirected to another node (after a Redirect envelope).</summary>
    public const ushort Redirect = 4005;

    /// <summary>4006: resume rejected (unknown, expired or already used token); join again.</summary>
    public const ushort ResumeRejected = 4006;

    /// <summary>4008: slow consumer (outbound queue full or write stalled). The seat is held: resume.</summary>
    public const ushort SlowConsumer = 4008;

    /// <summary>4010: protocol error: malformed MessagePack or JSON, unknown kind or tag, limits, no Join in time.</summary>
    public const ushort ProtocolViolation = 4010;

    /// <summary>4029: rate limited.</summary>
    public const ushort RateLimited = 4029;

    /// <summary>Whether the server holds the player's seat after closing with <paramref name="code"/>, so a Resume
    /// within the grace period can succeed.</summary>
    /// <param name="code">A close code received from the server.</param>
    /// <returns><see langword="true"/> only for <see cref="SlowConsumer"/>.</returns>
    public static bool HoldsSeat(ushort code) => code == SlowConsumer;
}
