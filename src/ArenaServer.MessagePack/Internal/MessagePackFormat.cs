using System.Buffers.Binary;

namespace ArenaServer.MessagePack.Internal;

/// <summary>Classifies format bytes and decodes value headers (msgpack spec.md, "Formats").</summary>
internal static class MessagePackFormat
{
    /// <summary>The longest header: ext32 is a format byte, a 4-byte length and a type byte.</summary>
    public const int MaxHeaderLength = 6;

    public static MessagePackType TypeOf(byte code) => code switch
    {
        <= MessagePackCode.MaxPositiveFixInt => MessagePackType.Integer,
        <= MessagePackCode.MaxFixMap => MessagePackType.Map,
        <= MessagePackCode.MaxFixArray => MessagePackType.Array,
        <= MessagePackCode.MaxFixStr => MessagePackType.String,
        MessagePackCode.Nil => MessagePackType.Nil,
        MessagePackCode.NeverUsed => MessagePackType.Unknown,
        MessagePackCode.False or MessagePackCode.True => MessagePackType.Boolean,
        MessagePackCode.Bin8 or MessagePackCode.Bin16 or MessagePackCode.Bin32 => MessagePackType.Binary,
        MessagePackCode.Ext8 or MessagePackCode.Ext16 or MessagePackCode.Ext32 => MessagePackType.Extension,
        MessagePackCode.Float32 or MessagePackCode.Float64 => MessagePackType.Float,
        >= MessagePackCode.UInt8 and <= MessagePackCode.Int64 => MessagePackType.Integer,
        >= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16 => MessagePackType.Extension,
        MessagePackCode.Str8 or MessagePackCode.Str16 or MessagePackCode.Str32 => MessagePackType.String,
        MessagePackCode.Array16 or MessagePackCode.Array32 => MessagePackType.Array,
        MessagePackCode.Map16 or MessagePackCode.Map32 => MessagePackType.Map,
        _ => MessagePackType.Integer,
    };

    /// <summary>Decodes the header at the start of <paramref name="span"/>, which may be a prefix of the value.</summary>
    /// <returns><see cref="DecodeError.NeedMoreData"/> when the length field is cut off;
    /// <see cref="DecodeError.InvalidCode"/> for <c>0xc1</c>.</returns>
    public static DecodeError DecodeHeader(ReadOnlySpan<byte> span, out ValueHeader header)
    {
        header = default;
        if (span.IsEmpty)
        {
            return DecodeError.NeedMoreData;
        }

        byte code = span[0];
        switch (code)
        {
            case <= MessagePackCode.MaxPositiveFixInt:
            case >= MessagePackCode.MinNegativeFixInt:
                header = new ValueHeader(MessagePackType.Integer, 1, 0, 0);
                return DecodeError.None;
            case <= MessagePackCode.MaxFixMap:
                header = new ValueHeader(MessagePackType.Map, 1, code & 0x0f, 0);
                return DecodeError.None;
            case <= MessagePackCode.MaxFixArray:
                header = new ValueHeader(MessagePackType.Array, 1, code & 0x0f, 0);
                return DecodeError.None;
            case <= MessagePackCode.MaxFixStr:
                header = new ValueHeader(MessagePackType.String, 1, code & 0x1f, 0);
                return DecodeError.None;
            case MessagePackCode.Nil:
                header = new ValueHeader(MessagePackType.Nil, 1, 0, 0);
                return DecodeError.None;
            case MessagePackCode.NeverUsed:
                return DecodeError.InvalidCode;
            case MessagePackCode.False:
            case MessagePackCode.True:
                header = new ValueHeader(MessagePackType.Boolean, 1, 0, 0);
                return DecodeError.None;
            case MessagePackCode.UInt8:
            case MessagePackCode.Int8:
                header = new ValueHeader(MessagePackType.Integer, 2, 0, 0);
                return DecodeError.None;
            case MessagePackCode.UInt16:
            case MessagePackCode.Int16:
                header = new ValueHeader(MessagePackType.Integer, 3, 0, 0);
                return DecodeError.None;
            case MessagePackCode.UInt32:
            case MessagePackCode.Int32:
                header = new ValueHeader(MessagePackType.Integer, 5, 0, 0);
                return DecodeError.None;
            case MessagePackCode.UInt64:
            case MessagePackCode.Int64:
                header = new ValueHeader(MessagePackType.Integer, 9, 0, 0);
                return DecodeError.None;
            case MessagePackCode.Float32:
                header = new ValueHeader(MessagePackType.Float, 5, 0, 0);
                return DecodeError.None;
            case MessagePackCode.Float64:
                header = new ValueHeader(MessagePackType.Float, 9, 0, 0);
                return DecodeError.None;
            case MessagePackCode.FixExt1:
            case MessagePackCode.FixExt2:
            case MessagePackCode.FixExt4:
            case MessagePackCode.FixExt8:
            case MessagePackCode.FixExt16:
                return FixExtension(span, 1 << (code - MessagePackCode.FixExt1), out header);
            default:
                return DecodeSizedHeader(span, code, out header);
        }
    }

    private static DecodeError FixExtension(ReadOnlySpan<byte> span, int length, out ValueHeader header)
    {
        header = default;
        if (span.Length < 2)
        {
            return DecodeError.NeedMoreData;
        }

        header = new ValueHeader(MessagePackType.Extension, 2, length, (sbyte)span[1]);
        return DecodeError.None;
    }

    /// <summary>The formats whose length follows the format byte as a 1-, 2- or 4-byte big-endian integer.</summary>
    private static DecodeError DecodeSizedHeader(ReadOnlySpan<byte> span, byte code, out ValueHeader header)
    {
        header = default;
        (MessagePackType type, int width) = code switch
        {
            MessagePackCode.Bin8 => (MessagePackType.Binary, 1),
            MessagePackCode.Bin16 => (MessagePackType.Binary, 2),
            MessagePackCode.Bin32 => (MessagePackType.Binary, 4),
            MessagePackCode.Ext8 => (MessagePackType.Extension, 1),
            MessagePackCode.Ext16 => (MessagePackType.Extension, 2),
            MessagePackCode.Ext32 => (MessagePackType.Extension, 4),
            MessagePackCode.Str8 => (MessagePackType.String, 1),
            MessagePackCode.Str16 => (MessagePackType.String, 2),
            MessagePackCode.Str32 => (MessagePackType.String, 4),
            MessagePackCode.Array16 => (MessagePackType.Array, 2),
            MessagePackCode.Array32 => (MessagePackType.Array, 4),
            MessagePackCode.Map16 => (MessagePackType.Map, 2),
            _ => (MessagePackType.Map, 4),
        };
        int headerLength = 1 + width + (type == MessagePackType.Extension ? 1 : 0);
        if (span.Length < headerLength)
        {
            return DecodeError.NeedMoreData;
        }

        long length = width switch
        {
            1 => span[1],
            2 => BinaryPrimitives.ReadUInt16BigEndian(span[1..]),
            _ => BinaryPrimitives.ReadUInt32BigEndian(span[1..]),
        };
        sbyte extensionType = type == MessagePackType.Extension ? (sbyte)span[1 + width] : (sbyte)0;
        header = new ValueHeader(type, headerLength, length, extensionType);
        return DecodeError.None;
    }
}
