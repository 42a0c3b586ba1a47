using System.Buffers;
using System.Text;
using System.Text.Unicode;
using ArenaServer.MessagePack.Internal;

namespace ArenaServer.MessagePack;

public ref partial struct MessagePackReader
{
    /// <summary>Reads a string (any str width), validating its UTF-8. A nil reads as <see langword="null"/>.</summary>
    /// <param name="value">The string, or <see langword="null"/> for nil.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.InvalidUtf8"/> for ill-formed UTF-8. This is the
    /// only reader method that allocates (the string itself).</returns>
    public bool TryReadString(out string? value)
    {
        value = null;
        if (_reader.TryPeek(out byte code) && code == MessagePackCode.Nil)
        {
            return Commit(1);
        }

        DecodeError error = PeekPayload(MessagePackType.String, out ValueHeader header);
        if (error != DecodeError.None)
        {
            return Fail(error);
        }

        int total = header.HeaderLength + (int)header.Length;
        ReadOnlySpan<byte> span = _reader.UnreadSpan;
        if (span.Length >= total)
        {
            ReadOnlySpan<byte> utf8 = span[header.HeaderLength..total];
            if (!Utf8.IsValid(utf8))
            {
                return Fail(DecodeError.InvalidUtf8);
            }

            value = Encoding.UTF8.GetString(utf8);
            return Commit(total);
        }

        ReadOnlySequence<byte> payload = SlicePayload(header);
        if (!Utf8Validator.IsValid(payload))
        {
            return Fail(DecodeError.InvalidUtf8);
        }

        value = Encoding.UTF8.GetString(payload);
        return Commit(total);
    }

    /// <summary>Reads a string's UTF-8 bytes without allocating, after validating them.</summary>
    /// <param name="utf8">The string's bytes, a slice of <see cref="Sequence"/>.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.TypeMismatch"/> for nil or a non-string, or
    /// <see cref="DecodeError.InvalidUtf8"/> for ill-formed UTF-8.</returns>
    public bool TryReadStringSequence(out ReadOnlySequence<byte> utf8)
    {
        utf8 = default;
        DecodeError error = PeekPayload(MessagePackType.String, out ValueHeader header);
        if (error != DecodeError.None)
        {
            return Fail(error);
        }

        int total = header.HeaderLength + (int)header.Length;
        ReadOnlySpan<byte> span = _reader.UnreadSpan;
        if (span.Length >= total ? !Utf8.IsValid(span[header.HeaderLength..total]) : !Utf8Validator.IsValid(SlicePayload(header)))
        {
            return Fail(DecodeError.InvalidUtf8);
        }

        utf8 = SlicePayload(header);
        return Commit(total);
    }

    /// <summary>Reads a binary value (any bin width) without copying it.</summary>
    /// <param name="bytes">The bytes, a slice of <see cref="Sequence"/>.</param>
    /// <returns>Whether a binary value was consumed.</returns>
    public bool TryReadBinary(out ReadOnlySequence<byte> bytes)
    {
        bytes = default;
        DecodeError error = PeekPayload(MessagePackType.Binary, out ValueHeader header);
        if (error != DecodeError.None)
        {
            return Fail(error);
        }

        bytes = SlicePayload(header);
        return Commit(header.HeaderLength + (int)header.Length);
    }
}
