using System.Buffers;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol;

public static partial class EnvelopeReader
{
    /// <summary>Counts the envelope elements not yet read, so a short array is <see cref="EnvelopeStatus.MissingField"/>,
    /// and checks nested values against the limits one level down: the envelope array is the first level of the
    /// message's <c>MaxDepth</c> (PROTOCOL.md §9), as in the JSON transcoder.</summary>
    private struct Fields(int remaining, MessagePackReaderOptions nested)
    {
        public int Remaining { get; private set; } = remaining;

        public readonly MessagePackReaderOptions Nested => nested;

        /// <summary>Skips the elements no reader asked for.</summary>
        public EnvelopeStatus SkipRest(ref MessagePackReader reader)
        {
            ReadOnlySequence<byte> rest = reader.Sequence.Slice(reader.Position);
            if (!reader.TrySkipValues(Remaining))
            {
                return StatusOf(reader.Error);
            }

            var check = new MessagePackReader(rest, nested);
            return check.TrySkipValues(Remaining) ? EnvelopeStatus.Success : StatusOf(check.Error);
        }

        public EnvelopeStatus Take()
        {
            if (Remaining == 0)
            {
                return EnvelopeStatus.MissingField;
            }

            Remaining--;
            return EnvelopeStatus.Success;
        }
    }

    private static EnvelopeStatus ReadInt64(ref MessagePackReader reader, ref Fields fields, long min, long max, out long value)
    {
        value = 0;
        EnvelopeStatus status = fields.Take();
        if (status != EnvelopeStatus.Success)
        {
            return status;
        }

        if (!reader.TryReadInt64(out value))
        {
            return StatusOf(reader.Error);
        }

        return value >= min && value <= max ? EnvelopeStatus.Success : EnvelopeStatus.InvalidField;
    }

    private static EnvelopeStatus ReadUInt32(ref MessagePackReader reader, ref Fields fields, out uint value)
    {
        value = 0;
        EnvelopeStatus status = ReadInt64(ref reader, ref fields, 0, uint.MaxValue, out long wide);
        value = (uint)wide;
        return status;
    }

    private static EnvelopeStatus ReadTag(ref MessagePackReader reader, ref Fields fields, out byte tag)
    {
        EnvelopeStatus status = ReadInt64(ref reader, ref fields, 0, EnvelopeKinds.MaxKind, out long value);
        tag = (byte)value;
        return status;
    }

    private static EnvelopeStatus ReadRaw(ref MessagePackReader reader, ref Fields fields, out ReadOnlySequence<byte> raw)
    {
        raw = default;
        EnvelopeStatus status = fields.Take();
        if (status != EnvelopeStatus.Success)
        {
            return status;
        }

        if (!reader.TryReadRaw(out raw))
        {
            return StatusOf(reader.Error);
        }

        var check = new MessagePackReader(raw, fields.Nested);
        return check.TrySkip() ? EnvelopeStatus.Success : StatusOf(check.Error);
    }

    /// <summary>Reads a string field; with <paramref name="allowNil"/>, nil reads as null.</summary>
    private static EnvelopeStatus ReadString(ref MessagePackReader reader, ref Fields fields, bool allowNil, out string? value)
    {
        value = null;
        EnvelopeStatus status = fields.Take();
        if (status != EnvelopeStatus.Success)
        {
            return status;
        }

        if (allowNil && reader.TryReadNil())
        {
            return EnvelopeStatus.Success;
        }

        if (!reader.TryReadString(out value) || value is null)
        {
            return value is null && reader.Error == DecodeError.None ? EnvelopeStatus.InvalidField : StatusOf(reader.Error);
        }

        return EnvelopeStatus.Success;
    }

    /// <summary>Reads a room id: a string, an integer, or (when <paramref name="allowNil"/>) nil.</summary>
    private static EnvelopeStatus ReadRoomId(ref MessagePackReader reader, ref Fields fields, bool allowNil, out RoomIdValue roomId)
    {
        roomId = RoomIdValue.None;
        EnvelopeStatus status = fields.Take();
        if (status != EnvelopeStatus.Success)
        {
            return status;
        }

        if (!reader.TryPeekType(out MessagePackType type))
        {
            return StatusOf(reader.Error);
        }

        switch (type)
        {
            case MessagePackType.Nil when allowNil:
                return reader.TryReadNil() ? EnvelopeStatus.Success : StatusOf(reader.Error);
            case MessagePackType.Integer:
                if (!reader.TryReadInt64(out long number))
                {
                    return StatusOf(reader.Error);
                }

                roomId = RoomIdValue.FromNumber(number);
                return EnvelopeStatus.Success;
            case MessagePackType.String:
                if (!reader.TryReadString(out string? text) || text is null)
                {
                    return StatusOf(reader.Error);
                }

                roomId = RoomIdValue.FromText(text);
                return EnvelopeStatus.Success;
            case MessagePackType.Unknown:
                return EnvelopeStatus.Malformed;
            default:
                return EnvelopeStatus.InvalidField;
        }
    }

    /// <summary>Reads a resume token: a str or a bin, kept as its encoded bytes.</summary>
    private static EnvelopeStatus ReadToken(ref MessagePackReader reader, ref Fields fields, out ReadOnlySequence<byte> token)
    {
        token = default;
        EnvelopeStatus status = fields.Take();
        if (status != EnvelopeStatus.Success)
        {
            return status;
        }

        if (!reader.TryPeekType(out MessagePackType type))
        {
            return StatusOf(reader.Error);
        }

        if (type is not (MessagePackType.String or MessagePackType.Binary))
        {
            return type == MessagePackType.Unknown ? EnvelopeStatus.Malformed : EnvelopeStatus.InvalidField;
        }

        return reader.TryReadRaw(out token) ? EnvelopeStatus.Success : StatusOf(reader.Error);
    }
}
