using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text.Json;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Internal;

internal static partial class MessagePackToJson
{
    private static JsonTranscodeStatus WriteInteger(ref MessagePackReader reader, Utf8JsonWriter json)
    {
        if (reader.TryReadInt64(out long signed))
        {
            if (signed is >= -JsonForm.MaxSafeInteger and <= JsonForm.MaxSafeInteger)
            {
                json.WriteNumberValue(signed);
            }
            else
            {
                Span<byte> digits = stackalloc byte[24];
                Utf8Formatter.TryFormat(signed, digits, out int written);
                WriteTagged(json, JsonForm.Int, digits[..written]);
            }

            return JsonTranscodeStatus.Success;
        }

        if (reader.Error != DecodeError.Overflow || !reader.TryReadUInt64(out ulong unsigned))
        {
            return StatusOf(reader.Error);
        }

        Span<byte> text = stackalloc byte[24];
        Utf8Formatter.TryFormat(unsigned, text, out int length);
        WriteTagged(json, JsonForm.Int, text[..length]);
        return JsonTranscodeStatus.Success;
    }

    private static JsonTranscodeStatus WriteFloat(ref MessagePackReader reader, Utf8JsonWriter json)
    {
        if (!reader.TryReadRaw(out ReadOnlySequence<byte> raw))
        {
            return StatusOf(reader.Error);
        }

        // The reader reports float32 and float64 alike; the format byte (0xca / 0xcb) tells them apart.
        Span<byte> bytes = stackalloc byte[9];
        raw.CopyTo(bytes);
        if (raw.Length == 5)
        {
            float single = BinaryPrimitives.ReadSingleBigEndian(bytes[1..]);
            json.WriteStartObject();
            json.WritePropertyName(JsonForm.Float32);
            if (float.IsFinite(single) && !(single == 0 && float.IsNegative(single)))
            {
                json.WriteNumberValue(single);
            }
            else
            {
                WriteHex(json, bytes.Slice(1, 4));
            }

            json.WriteEndObject();
            return JsonTranscodeStatus.Success;
        }

        double value = BinaryPrimitives.ReadDoubleBigEndian(bytes[1..]);
        bool plain = double.IsFinite(value) && !(value == 0 && double.IsNegative(value));
        if (plain && Math.Floor(value) != value)
        {
            json.WriteNumberValue(value);
            return JsonTranscodeStatus.Success;
        }

        json.WriteStartObject();
        json.WritePropertyName(JsonForm.Float64);
        if (plain)
        {
            json.WriteNumberValue(value);
        }
        else
        {
            WriteHex(json, bytes.Slice(1, 8));
        }

        json.WriteEndObject();
        return JsonTranscodeStatus.Success;
    }

    private static JsonTranscodeStatus WriteExtension(ref MessagePackReader reader, Utf8JsonWriter json)
    {
        if (!reader.TryReadExtension(out ExtensionHeader header, out ReadOnlySequence<byte> data))
        {
            return StatusOf(reader.Error);
        }

        json.WriteStartObject();
        if (header.TypeCode == TimestampLayout.ExtensionType &&
            TimestampLayout.TryDecodeCanonical(data, out long seconds, out uint nanoseconds) &&
            seconds is >= -JsonForm.MaxSafeInteger and <= JsonForm.MaxSafeInteger)
        {
            json.WritePropertyName(JsonForm.Timestamp);
            json.WriteStartArray();
            json.WriteNumberValue(seconds);
            json.WriteNumberValue(nanoseconds);
            json.WriteEndArray();
        }
        else
        {
            json.WritePropertyName(JsonForm.Ext);
            json.WriteStartArray();
            json.WriteNumberValue(header.TypeCode);
            WriteBase64(json, data);
            json.WriteEndArray();
        }

        json.WriteEndObject();
        return JsonTranscodeStatus.Success;
    }

    private static void WriteTagged(Utf8JsonWriter json, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> utf8Value)
    {
        json.WriteStartObject();
        json.WritePropertyName(tag);
        json.WriteStringValue(utf8Value);
        json.WriteEndObject();
    }

    private static void WriteHex(Utf8JsonWriter json, ReadOnlySpan<byte> bigEndianBits)
    {
        Span<byte> hex = stackalloc byte[16];
        for (int i = 0; i < bigEndianBits.Length; i++)
        {
            hex[2 * i] = HexDigit(bigEndianBits[i] >> 4);
            hex[(2 * i) + 1] = HexDigit(bigEndianBits[i] & 0xf);
        }

        json.WriteStringValue(hex[..(bigEndianBits.Length * 2)]);
    }

    private static byte HexDigit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

    private static void WriteUtf8(Utf8JsonWriter json, in ReadOnlySequence<byte> utf8, bool propertyName)
    {
        byte[]? rented = null;
        Span<byte> scratch = stackalloc byte[256];
        try
        {
            ReadOnlySpan<byte> span = utf8.IsSingleSegment ? utf8.FirstSpan : Contiguous(utf8, ref scratch, ref rented);
            if (propertyName)
            {
                json.WritePropertyName(span);
            }
            else
            {
                json.WriteStringValue(span);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void WriteBase64(Utf8JsonWriter json, in ReadOnlySequence<byte> bytes)
    {
        byte[]? rented = null;
        Span<byte> scratch = stackalloc byte[256];
        try
        {
            json.WriteBase64StringValue(bytes.IsSingleSegment ? bytes.FirstSpan : Contiguous(bytes, ref scratch, ref rented));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Copies a multi-segment value into <paramref name="scratch"/>, or a pooled array when it is larger.</summary>
    private static ReadOnlySpan<byte> Contiguous(in ReadOnlySequence<byte> value, ref Span<byte> scratch, ref byte[]? rented)
    {
        int length = (int)value.Length;
        if (length > scratch.Length)
        {
            rented = ArrayPool<byte>.Shared.Rent(length);
            scratch = rented;
        }

        value.CopyTo(scratch);
        return scratch[..length];
    }
}
