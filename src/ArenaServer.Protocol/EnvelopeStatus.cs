namespace ArenaServer.Protocol;

/// <summary>The outcome of reading an envelope; every value but <see cref="Success"/> is a protocol error for a
/// whole WebSocket message (close 4010), except that a streaming caller may retry <see cref="NeedMoreData"/>.</summary>
public enum EnvelopeStatus
{
    /// <summary>The envelope was read and every field had its type.</summary>
    Success,

    /// <summary>The input is a strict prefix of an envelope (truncated).</summary>
    NeedMoreData,

    /// <summary>The value is not an array, or the array is empty.</summary>
    NotAnArray,

    /// <summary>The first element is not an integer from 0 to 127.</summary>
    InvalidKind,

    /// <summary>The kind is not defined for this direction in v1.</summary>
    UnknownKind,

    /// <summary>The array has fewer elements than the kind requires.</summary>
    MissingField,

    /// <summary>A field has the wrong type or is out of range (for example a tag of 128 or a negative seq).</summary>
    InvalidField,

    /// <summary>The MessagePack itself is malformed (the never-used byte <c>0xc1</c>, ill-formed UTF-8).</summary>
    Malformed,

    /// <summary>Arrays and maps nest deeper than the reader's <c>MaxDepth</c>.</summary>
    DepthExceeded,

    /// <summary>A collection declares more elements than the reader's <c>MaxCollectionLength</c>.</summary>
    LengthExceeded,

    /// <summary>Bytes follow the envelope: a message holds exactly one value.</summary>
    TrailingBytes,
}
