namespace ArenaServer.Protocol;

/// <summary>The outcome of a <see cref="JsonTranscoder"/> call; every value but <see cref="Success"/> is a protocol
/// error for a whole message (close 4010). On failure the output holds an unusable partial value: discard it.</summary>
public enum JsonTranscodeStatus
{
    /// <summary>Exactly one value was transcoded.</summary>
    Success,

    /// <summary>The MessagePack input is truncated.</summary>
    NeedMoreData,

    /// <summary>The MessagePack input is malformed (the never-used byte <c>0xc1</c>).</summary>
    InvalidMessagePack,

    /// <summary>The JSON input is not one well-formed JSON value (RFC 8259), or is empty.</summary>
    InvalidJson,

    /// <summary>A <c>$</c>-tagged object is malformed: unknown tag, extra members, wrong shape, bad base64 or hex,
    /// or an ordinary object with a member name starting with <c>$</c>.</summary>
    InvalidTag,

    /// <summary>A number does not fit its MessagePack type (an integer beyond 64 bits, a float32 beyond its range,
    /// nanoseconds of a second or more).</summary>
    Overflow,

    /// <summary>A string is not well-formed UTF-8, or a JSON escape denotes a lone surrogate.</summary>
    InvalidUtf8,

    /// <summary>Arrays and maps nest deeper than <c>MaxDepth</c>.</summary>
    DepthExceeded,

    /// <summary>A collection has more elements than <c>MaxCollectionLength</c>.</summary>
    LengthExceeded,

    /// <summary>Bytes follow the MessagePack value: a message holds exactly one value.</summary>
    TrailingData,
}
