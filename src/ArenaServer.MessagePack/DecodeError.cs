namespace ArenaServer.MessagePack;

/// <summary>Why the last <c>Try*</c> call of a <see cref="MessagePackReader"/> returned <see langword="false"/>.</summary>
/// <remarks>Every failure consumes nothing, so a streaming caller can retry <see cref="NeedMoreData"/> once more
/// bytes have arrived. A caller that already holds a whole message treats every value as a protocol error.</remarks>
public enum DecodeError
{
    /// <summary>The last call succeeded.</summary>
    None,

    /// <summary>The value is truncated: more bytes are needed to decode it.</summary>
    NeedMoreData,

    /// <summary>The next value is of another type than the one requested.</summary>
    TypeMismatch,

    /// <summary>The value does not fit the requested type (an integer out of range, a lossy float, a timestamp
    /// outside <see cref="System.DateTime"/> or with nanoseconds of one second or more).</summary>
    Overflow,

    /// <summary>A string is not well-formed UTF-8.</summary>
    InvalidUtf8,

    /// <summary>Skipping a value would nest deeper than <see cref="MessagePackReaderOptions.MaxDepth"/>.</summary>
    DepthExceeded,

    /// <summary>A declared length exceeds <see cref="MessagePackReaderOptions.MaxCollectionLength"/>, or a declared
    /// byte length cannot be represented (2 GiB or more, beyond what a span can hold).</summary>
    LengthExceeded,

    /// <summary>The never-used format byte <c>0xc1</c>.</summary>
    InvalidCode,
}
