using System.Buffers;
using ArenaServer.MessagePack.Internal;

namespace ArenaServer.MessagePack;

public ref partial struct MessagePackReader
{
    /// <summary>Skips one whole value, including everything nested in it; used to ignore unknown trailing fields.</summary>
    /// <returns><see langword="false"/> with <see cref="DecodeError.DepthExceeded"/> when arrays and maps nest deeper
    /// than <see cref="MessagePackReaderOptions.MaxDepth"/>, or with the first error met inside the value.</returns>
    public bool TrySkip() => TrySkipValues(1);

    /// <summary>Skips <paramref name="count"/> whole values; all of them or none.</summary>
    /// <param name="count">How many values to skip; zero or less skips nothing and succeeds.</param>
    /// <returns>Whether all values were skipped; on failure nothing is consumed.</returns>
    public bool TrySkipValues(int count)
    {
        if (count <= 0)
        {
            // The common case for a message without trailing fields: no copy of the reader state needed.
            _error = DecodeError.None;
            return true;
        }

        SequenceReader<byte> probe = _reader;
        for (int i = 0; i < count; i++)
        {
            DecodeError error = Skip(ref probe, 0, _maxDepth, _maxCollectionLength);
            if (error != DecodeError.None)
            {
                return Fail(error);
            }
        }

        _reader = probe;
        _error = DecodeError.None;
        return true;
    }

    /// <summary>Reads the encoded bytes of one whole value, validated exactly as <see cref="TrySkip"/> does.</summary>
    /// <param name="rawValue">The value's bytes, a slice of <see cref="Sequence"/>.</param>
    /// <returns>Whether a value was consumed.</returns>
    public bool TryReadRaw(out ReadOnlySequence<byte> rawValue)
    {
        rawValue = default;
        SequenceReader<byte> probe = _reader;
        DecodeError error = Skip(ref probe, 0, _maxDepth, _maxCollectionLength);
        if (error != DecodeError.None)
        {
            return Fail(error);
        }

        rawValue = _reader.Sequence.Slice(_reader.Position, probe.Position);
        _reader = probe;
        _error = DecodeError.None;
        return true;
    }

    /// <summary>Skips one value. Recursion is bounded by <paramref name="maxDepth"/> (CWE-674), and a string's UTF-8
    /// is not validated here: skipping never interprets text.</summary>
    private static DecodeError Skip(ref SequenceReader<byte> reader, int depth, int maxDepth, int maxCollectionLength)
    {
        DecodeError error = PeekHeader(in reader, out ValueHeader header);
        if (error != DecodeError.None)
        {
            return error;
        }

        switch (header.Type)
        {
            case MessagePackType.Array:
            case MessagePackType.Map:
                if (depth >= maxDepth)
                {
                    return DecodeError.DepthExceeded;
                }

                error = CheckCollection(in reader, header, maxCollectionLength);
                if (error != DecodeError.None)
                {
                    return error;
                }

                reader.Advance(header.HeaderLength);
                long elements = header.Type == MessagePackType.Map ? header.Length * 2 : header.Length;
                for (long i = 0; i < elements; i++)
                {
                    error = Skip(ref reader, depth + 1, maxDepth, maxCollectionLength);
                    if (error != DecodeError.None)
                    {
                        return error;
                    }
                }

                return DecodeError.None;
            case MessagePackType.String:
            case MessagePackType.Binary:
            case MessagePackType.Extension:
                error = CheckPayload(in reader, header);
                if (error != DecodeError.None)
                {
                    return error;
                }

                reader.Advance(header.HeaderLength + header.Length);
                return DecodeError.None;
            default:
                if (reader.Remaining < header.HeaderLength)
                {
                    return DecodeError.NeedMoreData;
                }

                reader.Advance(header.HeaderLength);
                return DecodeError.None;
        }
    }
}
