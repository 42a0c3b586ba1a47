using System.Buffers.Binary;
using System.Text;
using ArenaServer.MessagePack.Internal;

namespace ArenaServer.MessagePack;

public ref partial struct MessagePackWriter
{
    /// <summary>Writes a string as UTF-8 (fixstr, str8, str16 or str32); <see langword="null"/> writes nil.</summary>
    /// <param name="value">The string; unpaired surrogates become U+FFFD.</param>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteNil();
        }
        else
        {
            WriteString(value.AsSpan());
        }
    }

    /// <summary>Writes a string as UTF-8 (fixstr, str8, str16 or str32).</summary>
    /// <param name="value">The characters; unpaired surrogates become U+FFFD.</param>
    public void WriteString(scoped ReadOnlySpan<char> value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        int headerLength = WriteLengthHeader(HeaderKind.String, byteCount, byteCount);
        Encoding.UTF8.GetBytes(value, _span[headerLength..]);
        Advance(headerLength + byteCount);
    }

    /// <summary>Writes a string whose UTF-8 bytes the caller already has (for example a cached name).</summary>
    /// <param name="utf8">Well-formed UTF-8; not validated, since readers will reject anything else.</param>
    public void WriteStringUtf8(scoped ReadOnlySpan<byte> utf8)
    {
        int headerLength = WriteLengthHeader(HeaderKind.String, utf8.Length, utf8.Length);
        utf8.CopyTo(_span[headerLength..]);
        Advance(headerLength + utf8.Length);
    }

    /// <summary>Writes a binary value (bin8, bin16 or bin32).</summary>
    /// <param name="bytes">The bytes.</param>
    public void WriteBinary(scoped ReadOnlySpan<byte> bytes)
    {
        int headerLength = WriteLengthHeader(HeaderKind.Binary, bytes.Length, bytes.Length);
        bytes.CopyTo(_span[headerLength..]);
        Advance(headerLength + bytes.Length);
    }

    /// <summary>Writes an array header (fixarray, array16 or array32); the caller then writes the elements.</summary>
    /// <param name="count">The number of elements.</param>
    public void WriteArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Advance(WriteLengthHeader(HeaderKind.Array, count, 0));
    }

    /// <summary>Writes a map header (fixmap, map16 or map32); the caller then writes the keys and values.</summary>
    /// <param name="count">The number of key/value pairs.</param>
    public void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Advance(WriteLengthHeader(HeaderKind.Map, count, 0));
    }

    /// <summary>Writes an extension header (fixext1–16, ext8, ext16 or ext32); the caller then writes exactly
    /// <see cref="ExtensionHeader.Length"/> data bytes with <see cref="WriteRaw"/>.</summary>
    /// <param name="header">The type code and data length.</param>
    public void WriteExtensionHeader(ExtensionHeader header)
    {
        Span<byte> span = GetSpan(6);
        int length;
        byte fixCode = header.Length switch
        {
            1 => MessagePackCode.FixExt1,
            2 => MessagePackCode.FixExt2,
            4 => MessagePackCode.FixExt4,
            8 => MessagePackCode.FixExt8,
            16 => MessagePackCode.FixExt16,
            _ => 0,
        };
        if (fixCode != 0)
        {
            span[0] = fixCode;
            length = 1;
        }
        else if (header.Length <= byte.MaxValue)
        {
            span[0] = MessagePackCode.Ext8;
            span[1] = (byte)header.Length;
            length = 2;
        }
        else if (header.Length <= ushort.MaxValue)
        {
            span[0] = MessagePackCode.Ext16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)header.Length);
            length = 3;
        }
        else
        {
            span[0] = MessagePackCode.Ext32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], header.Length);
            length = 5;
        }

        span[length] = unchecked((byte)header.TypeCode);
        Advance(length + 1);
    }

    /// <summary>Writes a whole extension value.</summary>
    /// <param name="typeCode">The application type (0–127); negative types are reserved by the spec.</param>
    /// <param name="data">The data bytes.</param>
    public void WriteExtension(sbyte typeCode, scoped ReadOnlySpan<byte> data)
    {
        WriteExtensionHeader(new ExtensionHeader(typeCode, (uint)data.Length));
        WriteRaw(data);
    }

    /// <summary>Ensures room for a header plus <paramref name="payloadLength"/> bytes and writes the shortest header
    /// for <paramref name="length"/>; returns the header's size without advancing.</summary>
    private int WriteLengthHeader(HeaderKind kind, int length, int payloadLength)
    {
        Span<byte> span = GetSpan(5 + payloadLength);
        uint value = (uint)length;
        if (kind == HeaderKind.String && value <= 31)
        {
            span[0] = (byte)(MessagePackCode.FixStrPrefix | value);
            return 1;
        }

        if (kind is HeaderKind.Array or HeaderKind.Map && value <= 15)
        {
            span[0] = (byte)((kind == HeaderKind.Array ? MessagePackCode.FixArrayPrefix : MessagePackCode.FixMapPrefix) | value);
            return 1;
        }

        // Arrays and maps have no 8-bit form (spec.md, "array format family").
        if (kind is HeaderKind.String or HeaderKind.Binary && value <= byte.MaxValue)
        {
            span[0] = kind == HeaderKind.String ? MessagePackCode.Str8 : MessagePackCode.Bin8;
            span[1] = (byte)value;
            return 2;
        }

        if (value <= ushort.MaxValue)
        {
            span[0] = kind switch
            {
                HeaderKind.String => MessagePackCode.Str16,
                HeaderKind.Binary => MessagePackCode.Bin16,
                HeaderKind.Array => MessagePackCode.Array16,
                _ => MessagePackCode.Map16,
            };
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            return 3;
        }

        span[0] = kind switch
        {
            HeaderKind.String => MessagePackCode.Str32,
            HeaderKind.Binary => MessagePackCode.Bin32,
            HeaderKind.Array => MessagePackCode.Array32,
            _ => MessagePackCode.Map32,
        };
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], value);
        return 5;
    }
}
