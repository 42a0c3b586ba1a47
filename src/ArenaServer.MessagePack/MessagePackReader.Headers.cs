using System.Buffers;
using System.Runtime.CompilerServices;
using ArenaServer.MessagePack.Internal;

namespace ArenaServer.MessagePack;

public ref partial struct MessagePackReader
{
    /// <summary>Reads an array header. The caller then reads <paramref name="count"/> values.</summary>
    /// <param name="count">The declared number of elements.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.LengthExceeded"/> when the count exceeds
    /// <see cref="MessagePackReaderOptions.MaxCollectionLength"/>, or <see cref="DecodeError.NeedMoreData"/> when fewer
    /// bytes remain than elements (each element needs at least one byte).</returns>
    public bool TryReadArrayHeader(out int count)
    {
        // Fast path: a fixarray whose elements can all still be present.
        ReadOnlySpan<byte> span = _reader.UnreadSpan;
        if (!span.IsEmpty && (uint)(span[0] - MessagePackCode.MinFixArray) <= 0x0f)
        {
            // The current span usually holds all the elements' minimum bytes, which spares computing Remaining.
            count = span[0] & 0x0f;
            if (count <= _maxCollectionLength && (span.Length > count || _reader.Remaining > count))
            {
                return Commit(1);
            }
        }

        count = 0;
        DecodeError error = PeekCollection(MessagePackType.Array, out ValueHeader header);
        if (error != DecodeError.None)
        {
            return Fail(error);
        }

        count = (int)header.Length;
        return Commit(header.HeaderLength);
    }

    /// <summary>Reads a map header. The caller then reads <paramref name="count"/> key/value pairs.</summary>
    /// <param name="count">The declared number of entries.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.LengthExceeded"/> when the count exceeds
    /// <see cref="MessagePackReaderOptions.MaxCollectionLength"/>, or <see cref="DecodeError.NeedMoreData"/> when fewer
    /// than two bytes per entry remain.</returns>
    public bool TryReadMapHeader(out int count)
    {
        ReadOnlySpan<byte> span = _reader.UnreadSpan;
        if (!span.IsEmpty && (uint)(span[0] - MessagePackCode.MinFixMap) <= 0x0f)
        {
            count = span[0] & 0x0f;
            if (count <= _maxCollectionLength && (span.Length > 2 * count || _reader.Remaining > 2L * count))
            {
                return Commit(1);
            }
        }

        count = 0;
        DecodeError error = PeekCollection(MessagePackType.Map, out ValueHeader header);
        if (error != DecodeError.None)
        {
            return Fail(error);
        }

        count = (int)header.Length;
        return Commit(header.HeaderLength);
    }

    /// <summary>Reads the header of an extension value (any type code, including the timestamp); the caller then
    /// reads or skips its <see cref="ExtensionHeader.Length"/> data bytes.</summary>
    /// <param name="header">The type code and data length.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.NeedMoreData"/> when the data is not all present.</returns>
    public bool TryReadExtensionHeader(out ExtensionHeader header)
    {
        header = default;
        DecodeError error = PeekPayload(MessagePackType.Extension, out ValueHeader value);
        if (error != DecodeError.None)
        {
            return Fail(error);
        }

        header = new ExtensionHeader(value.ExtensionType, (uint)value.Length);
        return Commit(value.HeaderLength);
    }

    /// <summary>Reads a whole extension value without copying its data.</summary>
    /// <param name="header">The type code and data length.</param>
    /// <param name="data">The data bytes, a slice of <see cref="Sequence"/>.</param>
    /// <returns>Whether an extension value was consumed.</returns>
    public bool TryReadExtension(out ExtensionHeader header, out ReadOnlySequence<byte> data)
    {
        header = default;
        data = default;
        DecodeError error = PeekPayload(MessagePackType.Extension, out ValueHeader value);
        if (error != DecodeError.None)
        {
            return Fail(error);
        }

        header = new ExtensionHeader(value.ExtensionType, (uint)value.Length);
        data = SlicePayload(value);
        return Commit(value.HeaderLength + (int)value.Length);
    }

    private readonly DecodeError PeekCollection(MessagePackType expected, out ValueHeader header)
    {
        DecodeError error = PeekHeader(in _reader, out header);
        if (error != DecodeError.None)
        {
            return error;
        }

        if (header.Type != expected)
        {
            return DecodeError.TypeMismatch;
        }

        return CheckCollection(in _reader, header, _maxCollectionLength);
    }

    /// <summary>Bounds a collection before anyone sizes anything from it (CONVENTIONS.md §9, CWE-770).</summary>
    private static DecodeError CheckCollection(in SequenceReader<byte> reader, ValueHeader header,
        int maxCollectionLength)
    {
        if (header.Length > maxCollectionLength)
        {
            return DecodeError.LengthExceeded;
        }

        // Every element is at least one byte, so a count above the bytes left can only be a truncated value.
        long minimumBytes = header.Type == MessagePackType.Map ? header.Length * 2 : header.Length;
        return reader.Remaining - header.HeaderLength < minimumBytes ? DecodeError.NeedMoreData : DecodeError.None;
    }

    /// <summary>Peeks the header of a str, bin or ext value and checks that its whole payload is present.</summary>
    private readonly DecodeError PeekPayload(MessagePackType expected, out ValueHeader header)
    {
        DecodeError error = PeekHeader(in _reader, out header);
        if (error != DecodeError.None)
        {
            return error;
        }

        if (header.Type != expected)
        {
            return DecodeError.TypeMismatch;
        }

        return CheckPayload(in _reader, header);
    }

    private static DecodeError CheckPayload(in SequenceReader<byte> reader, ValueHeader header)
    {
        // A str32/bin32/ext32 may declare up to 4 GiB; nothing near int.MaxValue can be allocated, and header plus
        // payload must stay an int.
        if (header.Length > int.MaxValue - MessagePackFormat.MaxHeaderLength)
        {
            return DecodeError.LengthExceeded;
        }

        return reader.Remaining - header.HeaderLength < header.Length ? DecodeError.NeedMoreData : DecodeError.None;
    }

    private readonly ReadOnlySequence<byte> SlicePayload(ValueHeader header)
    {
        // Offsets are cheap on one segment; elsewhere start from the current position rather than walk from the start.
        ReadOnlySequence<byte> sequence = _reader.Sequence;
        return sequence.IsSingleSegment
            ? sequence.Slice(_reader.Consumed + header.HeaderLength, header.Length)
            : sequence.Slice(_reader.Position).Slice(header.HeaderLength, header.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DecodeError PeekHeader(in SequenceReader<byte> reader, out ValueHeader header)
    {
        ReadOnlySpan<byte> span = reader.UnreadSpan;
        DecodeError error = MessagePackFormat.DecodeHeader(span, out header);
        if (error == DecodeError.NeedMoreData && reader.Remaining > span.Length)
        {
            error = PeekHeaderSlow(in reader, out header);
        }

        return error;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DecodeError PeekHeaderSlow(in SequenceReader<byte> reader, out ValueHeader header)
    {
        Span<byte> scratch = stackalloc byte[MessagePackFormat.MaxHeaderLength];
        return MessagePackFormat.DecodeHeader(CopyAhead(in reader, scratch), out header);
    }
}
