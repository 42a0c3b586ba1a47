namespace ArenaServer.Abstractions;

/// <summary>The outcome of <see cref="MessageSet{T}.TryRead"/>. Every value but <see cref="Success"/> is a protocol
/// error for the sender (close 4010): a classification, never an exception.</summary>
public enum MessageReadStatus
{
    /// <summary>A message was read and consumed the whole body.</summary>
    Success,

    /// <summary>No message type is registered under the tag (or the tag is above 127).</summary>
    UnknownTag,

    /// <summary>The registered type's <c>TryRead</c> returned false (malformed, truncated or out-of-range body).</summary>
    InvalidBody,

    /// <summary>The message was read but bytes of the body were left over.</summary>
    TrailingBytes,
}
