using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Internal;

internal static partial class JsonToMessagePack
{
    private static JsonTranscodeStatus WriteTagged(ref Utf8JsonReader json, ref MessagePackWriter writer, int depth, Limits limits)
    {
        json.Read(); // PropertyName
        ReadOnlySpan<byte> tag = Unescape(ref json, out byte[]? rented);
        Tag kind = tag.SequenceEqual(JsonForm.Int) ? Tag.Int
            : tag.SequenceEqual(JsonForm.Float32) ? Tag.Float32
            : tag.SequenceEqual(JsonForm.Float64) ? Tag.Float64
            : tag.SequenceEqual(JsonForm.Bin) ? Tag.Bin
            : tag.SequenceEqual(JsonForm.Ext) ? Tag.Ext
            : tag.SequenceEqual(JsonForm.Timestamp) ? Tag.Timestamp
            : tag.SequenceEqual(JsonForm.Map) ? Tag.Map
            : Tag.Unknown;
        Return(rented);
        json.Read(); // the tagged value
        JsonTranscodeStatus status = kind switch
        {
            Tag.Int => WriteTaggedInteger(ref json, ref writer),
            Tag.Float32 => WriteFloat32(ref json, ref writer),
            Tag.Float64 => WriteFloat64(ref json, ref writer),
            Tag.Bin => WriteBinary(ref json, ref writer),
            Tag.Ext => WriteExtension(ref json, ref writer),
            Tag.Timestamp => WriteTimestamp(ref json, ref writer),
            Tag.Map => WriteEntries(ref json, ref writer, depth, limits),
            _ => JsonTranscodeStatus.InvalidTag,
        };
        if (status != JsonTranscodeStatus.Success)
        {
            return status;
        }

        json.Read();
        return json.TokenType == JsonTokenType.EndObject ? JsonTranscodeStatus.Success : JsonTranscodeStatus.InvalidTag;
    }

    /// <summary>A bare number: integral values are integers (shortest encoding), others float64 (§3.2).</summary>
    private static JsonTranscodeStatus WriteNumber(ref Utf8JsonReader json, ref MessagePackWriter writer)
    {
        if (!HasFractionOrExponent(ref json))
        {
            if (json.TryGetInt64(out long signed))
            {
                writer.Write(signed);
                return JsonTranscodeStatus.Success;
            }

            if (json.TryGetUInt64(out ulong unsigned))
            {
                writer.Write(unsigned);
                return JsonTranscodeStatus.Success;
            }

            return JsonTranscodeStatus.Overflow;
        }

        if (!json.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            return JsonTranscodeStatus.Overflow;
        }

        // Whether a number is an integer depends on its IEEE double value, as in every JSON.parse: 2.0 is 2.
        if (Math.Floor(value) != value)
        {
            writer.Write(value);
        }
        else if (value is >= -9223372036854775808.0 and < 9223372036854775808.0)
        {
            writer.Write((long)value);
        }
        else if (value is >= 0 and < 18446744073709551616.0)
        {
            writer.Write((ulong)value);
        }
        else
        {
            return JsonTranscodeStatus.Overflow;
        }

        return JsonTranscodeStatus.Success;
    }

    private static bool HasFractionOrExponent(ref Utf8JsonReader json)
    {
        if (!json.HasValueSequence)
        {
            return json.ValueSpan.IndexOfAny("."u8 + "eE"u8) >= 0;
        }

        foreach (ReadOnlyMemory<byte> segment in json.ValueSequence)
        {
            if (segment.Span.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>{"$int": "-?(0|[1-9][0-9]*)"}</c>, any 64-bit value.</summary>
    private static JsonTranscodeStatus WriteTaggedInteger(ref Utf8JsonReader json, ref MessagePackWriter writer)
    {
        JsonTranscodeStatus status = ReadDecimal(ref json, out long signed, out ulong unsigned, out bool isSigned);
        if (status == JsonTranscodeStatus.Success)
        {
            if (isSigned)
            {
                writer.Write(signed);
            }
            else
            {
                writer.Write(unsigned);
            }
        }

        return status;
    }

    private static JsonTranscodeStatus ReadDecimal(ref Utf8JsonReader json, out long signed, out ulong unsigned, out bool isSigned)
    {
        signed = 0;
        unsigned = 0;
        isSigned = false;
        if (json.TokenType != JsonTokenType.String)
        {
            return JsonTranscodeStatus.InvalidTag;
        }

        ReadOnlySpan<byte> text = Unescape(ref json, out byte[]? rented);
        try
        {
            bool negative = !text.IsEmpty && text[0] == (byte)'-';
            ReadOnlySpan<byte> digits = negative ? text[1..] : text;
            if (digits.IsEmpty || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0 ||
                (digits[0] == (byte)'0' && (digits.Length > 1 || negative)))
            {
                return JsonTranscodeStatus.InvalidTag;
            }

            if (negative)
            {
                isSigned = true;
                return Utf8Parser.TryParse(text, out signed, out int used) && used == text.Length
                    ? JsonTranscodeStatus.Success
                    : JsonTranscodeStatus.Overflow;
            }

            return Utf8Parser.TryParse(text, out unsigned, out int consumed) && consumed == text.Length
                ? JsonTranscodeStatus.Success
                : JsonTranscodeStatus.Overflow;
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>An integer inside a tag: a bare integral number or <c>{"$int": …}</c>.</summary>
    private static JsonTranscodeStatus ReadInt64(ref Utf8JsonReader json, out long value)
    {
        value = 0;
        if (json.TokenType == JsonTokenType.Number)
        {
            return json.TryGetInt64(out value) ? JsonTranscodeStatus.Success : JsonTranscodeStatus.InvalidTag;
        }

        if (json.TokenType != JsonTokenType.StartObject)
        {
            return JsonTranscodeStatus.InvalidTag;
        }

        json.Read();
        if (json.TokenType != JsonTokenType.PropertyName || !json.ValueTextEquals(JsonForm.Int))
        {
            return JsonTranscodeStatus.InvalidTag;
        }

        json.Read();
        JsonTranscodeStatus status = ReadDecimal(ref json, out value, out ulong unsigned, out bool isSigned);
        if (status == JsonTranscodeStatus.Success && !isSigned)
        {
            if (unsigned > long.MaxValue)
            {
                return JsonTranscodeStatus.Overflow;
            }

            value = (long)unsigned;
        }

        json.Read();
        return status != JsonTranscodeStatus.Success ? status
            : json.TokenType == JsonTokenType.EndObject ? JsonTranscodeStatus.Success : JsonTranscodeStatus.InvalidTag;
    }

    /// <summary><c>{"$f32": number}</c> (the decimal rounds to the nearest float32) or <c>{"$f32": "8 hex digits"}</c>.</summary>
    private static JsonTranscodeStatus WriteFloat32(ref Utf8JsonReader json, ref MessagePackWriter writer)
    {
        if (json.TokenType == JsonTokenType.String)
        {
            JsonTranscodeStatus status = ReadBits(ref json, 4, out ulong bits);
            if (status == JsonTranscodeStatus.Success)
            {
                writer.Write(BitConverter.UInt32BitsToSingle((uint)bits));
            }

            return status;
        }

        if (json.TokenType != JsonTokenType.Number)
        {
            return JsonTranscodeStatus.InvalidTag;
        }

        // Parse the decimal straight to float32: going through double could round twice.
        Span<byte> scratch = stackalloc byte[128];
        ReadOnlySpan<byte> text = json.HasValueSequence ? Copy(json.ValueSequence, scratch) : json.ValueSpan;
        if (text.IsEmpty || !float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) ||
            !float.IsFinite(value))
        {
            return JsonTranscodeStatus.Overflow;
        }

        writer.Write(value);
        return JsonTranscodeStatus.Success;
    }

    /// <summary><c>{"$f64": number}</c> or <c>{"$f64": "16 hex digits"}</c>.</summary>
    private static JsonTranscodeStatus WriteFloat64(ref Utf8JsonReader json, ref MessagePackWriter writer)
    {
        if (json.TokenType == JsonTokenType.String)
        {
            JsonTranscodeStatus status = ReadBits(ref json, 8, out ulong bits);
            if (status == JsonTranscodeStatus.Success)
            {
                writer.Write(BitConverter.UInt64BitsToDouble(bits));
            }

            return status;
        }

        if (json.TokenType != JsonTokenType.Number)
        {
            return JsonTranscodeStatus.InvalidTag;
        }

        if (!json.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            return JsonTranscodeStatus.Overflow;
        }

        writer.Write(value);
        return JsonTranscodeStatus.Success;
    }

    private static JsonTranscodeStatus ReadBits(ref Utf8JsonReader json, int width, out ulong bits)
    {
        bits = 0;
        ReadOnlySpan<byte> hex = Unescape(ref json, out byte[]? rented);
        try
        {
            if (hex.Length != width * 2)
            {
                return JsonTranscodeStatus.InvalidTag;
            }

            foreach (byte c in hex)
            {
                int nibble = c is >= (byte)'0' and <= (byte)'9' ? c - '0'
                    : c is >= (byte)'a' and <= (byte)'f' ? c - 'a' + 10
                    : c is >= (byte)'A' and <= (byte)'F' ? c - 'A' + 10
                    : -1;
                if (nibble < 0)
                {
                    return JsonTranscodeStatus.InvalidTag;
                }

                bits = (bits << 4) | (uint)nibble;
            }

            return JsonTranscodeStatus.Success;
        }
        finally
        {
            Return(rented);
        }
    }

    private static ReadOnlySpan<byte> Copy(in ReadOnlySequence<byte> sequence, Span<byte> scratch)
    {
        if (sequence.Length > scratch.Length)
        {
            return default;
        }

        sequence.CopyTo(scratch);
        return scratch[..(int)sequence.Length];
    }

    private enum Tag
    {
        Unknown,
        Int,
        Float32,
        Float64,
        Bin,
        Ext,
        Timestamp,
        Map,
    }
}
