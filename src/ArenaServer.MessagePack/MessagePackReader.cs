using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ArenaServer.MessagePack.Internal;

namespace ArenaServer.MessagePack;

/// <summary>Reads MessagePack values from a <see cref="ReadOnlySequence{T}"/> without throwing and, except for
/// <see cref="TryReadString"/>, without allocating.</summary>
/// <remarks>
/// <para>Every <c>Try*</c> method either consumes exactly one value (or header) and sets <see cref="Error"/> to
/// <see cref="DecodeError.None"/>, or consumes nothing and sets <see cref="Error"/> to the reason. A truncated value
/// yields <see cref="DecodeError.NeedMoreData"/>, so a streaming caller can retry once more bytes arrive.</para>
/// <para>Each value is decoded from the current span when it fits (the fast path); only a value that straddles
/// segments is copied to the stack first (CONVENTIONS.md §8). Every declared length is checked against the bytes
/// remaining, and collection counts against <see cref="MessagePackReaderOptions.MaxCollectionLength"/>, before the
/// caller can act on it (§9). The reader is a mutable struct: pass it by <see langword="ref"/>.</para>
/// <para>Header reads do not track nesting: a caller that recurses into arbitrary values bounds its own depth, or
/// first validates the value with <see cref="TrySkip"/> or <see cref="TryReadRaw"/>, which enforce
/// <see cref="MessagePackReaderOptions.MaxDepth"/>.</para>
/// </remarks>
/// <example>
/// Reading <c>[dx, dy, …]</c> and ignoring fields added by newer clients:
/// <code>
/// var reader = new MessagePackReader(message, options);
/// if (!reader.TryReadArrayHeader(out int count) || count &lt; 2 ||
///     !reader.TryReadSByte(out sbyte dx) || !reader.TryReadSByte(out sbyte dy) || !reader.TrySkipValues(count - 2))
/// {
///     return reader.Error; // NeedMoreData when truncated; anything else is a protocol error
/// }
/// </code>
/// </example>
public ref partial struct MessagePackReader
{
    private SequenceReader<byte> _reader;
    private readonly int _maxDepth;
    private readonly int _maxCollectionLength;
    private DecodeError _error;

    /// <summary>Creates a reader over <paramref name="sequence"/>.</summary>
    /// <param name="sequence">The bytes to read; they may span any number of segments.</param>
    /// <param name="options">Limits for untrusted input; <see cref="MessagePackReaderOptions.Default"/> when null.</param>
    public MessagePackReader(ReadOnlySequence<byte> sequence, MessagePackReaderOptions? options = null)
    {
        options ??= MessagePackReaderOptions.Default;
        _reader = new SequenceReader<byte>(sequence);
        _maxDepth = options.MaxDepth;
        _maxCollectionLength = options.MaxCollectionLength;
        _error = DecodeError.None;
    }

    /// <summary>Creates a reader over a single contiguous buffer.</summary>
    /// <param name="memory">The bytes to read.</param>
    /// <param name="options">Limits for untrusted input; <see cref="MessagePackReaderOptions.Default"/> when null.</param>
    public MessagePackReader(ReadOnlyMemory<byte> memory, MessagePackReaderOptions? options = null)
        : this(AsSequence(memory), options)
    {
    }

    /// <summary>Why the last <c>Try*</c> call returned <see langword="false"/>; <see cref="DecodeError.None"/> after a success.</summary>
    public readonly DecodeError Error => _error;

    /// <summary>The number of bytes consumed so far.</summary>
    public readonly long Consumed => _reader.Consumed;

    /// <summary>The position of the next unread byte in <see cref="Sequence"/>.</summary>
    public readonly SequencePosition Position => _reader.Position;

    /// <summary>The number of bytes not yet consumed.</summary>
    public readonly long Remaining => _reader.Remaining;

    /// <summary>Whether every byte has been consumed.</summary>
    public readonly bool End => _reader.End;

    /// <summary>The whole sequence this reader was created over.</summary>
    public readonly ReadOnlySequence<byte> Sequence => _reader.Sequence;

    /// <summary>Reports the format family of the next value without consuming it.</summary>
    /// <param name="type">The family; <see cref="MessagePackType.Unknown"/> for the never-used byte <c>0xc1</c>.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.NeedMoreData"/> when no byte remains.</returns>
    public bool TryPeekType(out MessagePackType type)
    {
        if (!_reader.TryPeek(out byte code))
        {
            type = MessagePackType.Unknown;
            return Fail(DecodeError.NeedMoreData);
        }

        type = MessagePackFormat.TypeOf(code);
        _error = DecodeError.None;
        return true;
    }

    /// <summary>Consumes a nil.</summary>
    /// <returns><see langword="false"/> with <see cref="DecodeError.TypeMismatch"/> when the next value is not nil.</returns>
    public bool TryReadNil()
    {
        if (!_reader.TryPeek(out byte code))
        {
            return Fail(DecodeError.NeedMoreData);
        }

        return code == MessagePackCode.Nil ? Commit(1) : Fail(MismatchFor(code));
    }

    /// <summary>Reads a boolean.</summary>
    /// <param name="value">The value read.</param>
    /// <returns>Whether a boolean was consumed.</returns>
    public bool TryReadBoolean(out bool value)
    {
        value = false;
        if (!_reader.TryPeek(out byte code))
        {
            return Fail(DecodeError.NeedMoreData);
        }

        switch (code)
        {
            case MessagePackCode.False:
                return Commit(1);
            case MessagePackCode.True:
                value = true;
                return Commit(1);
            default:
                return Fail(MismatchFor(code));
        }
    }

    /// <summary>Wraps <paramref name="memory"/>; an array-backed one (the usual case) through the array constructor,
    /// which skips the memory-manager probing of the general one and costs a fraction of it.</summary>
    private static ReadOnlySequence<byte> AsSequence(ReadOnlyMemory<byte> memory)
        => MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> array)
            ? new ReadOnlySequence<byte>(array.Array!, array.Offset, array.Count)
            : new ReadOnlySequence<byte>(memory);

    /// <summary>The error for a value of the wrong type: the never-used code is invalid in any position.</summary>
    private static DecodeError MismatchFor(byte code)
        => code == MessagePackCode.NeverUsed ? DecodeError.InvalidCode : DecodeError.TypeMismatch;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Commit(int length)
    {
        _reader.Advance(length);
        _error = DecodeError.None;
        return true;
    }

    private bool Fail(DecodeError error)
    {
        _error = error;
        return false;
    }

    /// <summary>Copies up to <paramref name="scratch"/>.Length unread bytes without consuming them: the slow path
    /// for a value that straddles segments.</summary>
    private static ReadOnlySpan<byte> CopyAhead(scoped in SequenceReader<byte> reader, Span<byte> scratch)
    {
        int length = (int)Math.Min(scratch.Length, reader.Remaining);
        reader.TryCopyTo(scratch[..length]);
        return scratch[..length];
    }
}
