using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Internal;

internal static partial class JsonToMessagePack
{
    /// <summary><c>{"$bin": "standard base64 with padding"}</c>.</summary>
    private static JsonTranscodeStatus WriteBinary(ref Utf8JsonReader json, ref MessagePackWriter writer)
    {
        if (json.TokenType != JsonTokenType.String)
        {
            return JsonTranscodeStatus.InvalidTag;
        }

        return DecodeBase64(ref json, out byte[]? rented, out int length) switch
        {
            true => WriteAndReturn(ref writer, rented, length, extensionType: null),
            false => JsonTranscodeStatus.InvalidTag,
        };
    }

    /// <summary><c>{"$ext": [type, "base64"]}</c> with type −128…127.</summary>
    private static JsonTranscodeStatus WriteExtension(ref Utf8JsonReader json, ref MessagePackWriter writer)
    {
        if (json.TokenType != JsonTokenType.StartArray || !json.Read() ||
            json.TokenType != JsonTokenType.Number || !json.TryGetInt32(out int type) || type is < sbyte.MinValue or > sbyte.MaxValue ||
            !json.Read() || json.TokenType != JsonTokenType.String)
        {
            return JsonTranscodeStatus.InvalidTag;
        }

        if (!DecodeBase64(ref json, out byte[]? rented, out int length))
        {
            return JsonTranscodeStatus.InvalidTag;
        }

        JsonTranscodeStatus status = WriteAndReturn(ref writer, rented, length, (sbyte)type);
        json.Read();
        return json.TokenType == JsonTokenType.EndArray ? status : JsonTranscodeStatus.InvalidTag;
    }

    /// <summary><c>{"$ts": [seconds, nanoseconds]}</c>, written in the canonical layout.</summary>
    private static JsonTranscodeStatus WriteTimestamp(ref Utf8JsonReader json, ref MessagePackWriter writer)
    {
        if (json.TokenType != JsonTokenType.StartArray || !json.Read())
        {
            return JsonTranscodeStatus.InvalidTag;
        }

        JsonTranscodeStatus status = ReadInt64(ref json, out long seconds);
        if (status != JsonTranscodeStatus.Success)
        {
            return status;
        }

        json.Read();
        status = ReadInt64(ref json, out long nanoseconds);
        if (status != JsonTranscodeStatus.Success)
        {
            return status;
        }

        json.Read();
        if (json.TokenType != JsonTokenType.EndArray)
        {
            return JsonTranscodeStatus.InvalidTag;
        }

        return TimestampLayout.TryWriteCanonical(ref writer, seconds, nanoseconds)
            ? JsonTranscodeStatus.Success
            : JsonTranscodeStatus.Overflow;
    }

    /// <summary><c>{"$map": [[key, value], …]}</c>: a map with keys of any type, in order.</summary>
    private static JsonTranscodeStatus WriteEntries(ref Utf8JsonReader json, ref MessagePackWriter writer, int depth, Limits limits)
    {
        if (json.TokenType != JsonTokenType.StartArray)
        {
            return JsonTranscodeStatus.InvalidTag;
        }

        if (depth >= limits.MaxDepth)
        {
            return JsonTranscodeStatus.DepthExceeded;
        }

        JsonTranscodeStatus status = Count(json, limits, out int count);
        if (status != JsonTranscodeStatus.Success)
        {
            return status;
        }

        writer.WriteMapHeader(count);
        for (int i = 0; i < count; i++)
        {
            json.Read();
            if (json.TokenType != JsonTokenType.StartArray || !json.Read())
            {
                return JsonTranscodeStatus.InvalidTag;
            }

            for (int part = 0; part < 2; part++)
            {
                if (json.TokenType == JsonTokenType.EndArray)
                {
                    return JsonTranscodeStatus.InvalidTag;
                }

                status = WriteValue(ref json, ref writer, depth + 1, limits);
                if (status != JsonTranscodeStatus.Success)
                {
                    return status;
                }

                json.Read();
            }

            if (json.TokenType != JsonTokenType.EndArray)
            {
                return JsonTranscodeStatus.InvalidTag;
            }
        }

        json.Read(); // EndArray of the entry list
        return JsonTranscodeStatus.Success;
    }

    private static bool DecodeBase64(ref Utf8JsonReader json, out byte[]? rented, out int length)
    {
        ReadOnlySpan<byte> text = Unescape(ref json, out byte[]? textBuffer);
        try
        {
            rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, Base64.GetMaxDecodedFromUtf8Length(text.Length)));
            OperationStatus status = Base64.DecodeFromUtf8(text, rented, out int consumed, out length);
            if (status != OperationStatus.Done || consumed != text.Length || text.Length % 4 != 0)
            {
                ArrayPool<byte>.Shared.Return(rented);
                rented = null;
                length = 0;
                return false;
            }

            return true;
        }
        finally
        {
            Return(textBuffer);
        }
    }

    private static JsonTranscodeStatus WriteAndReturn(ref MessagePackWriter writer, byte[]? rented, int length, sbyte? extensionType)
    {
        ReadOnlySpan<byte> data = rented.AsSpan(0, length);
        if (extensionType is { } type)
        {
            writer.WriteExtension(type, data);
        }
        else
        {
            writer.WriteBinary(data);
        }

        Return(rented);
        return JsonTranscodeStatus.Success;
    }
}
