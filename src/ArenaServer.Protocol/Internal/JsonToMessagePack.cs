using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Internal;

/// <summary><c>arena.v1.json</c> → MessagePack (proto/PROTOCOL.md §3). MessagePack headers need element counts up
/// front, so each array and object is first counted on a copy of the reader (O(size × depth), depth ≤ MaxDepth).</summary>
internal static partial class JsonToMessagePack
{
    public static JsonTranscodeStatus Transcode(in ReadOnlySequence<byte> input, IBufferWriter<byte> output,
        MessagePackReaderOptions options)
    {
        var limits = new Limits(options.MaxDepth, options.MaxCollectionLength);
        var json = new Utf8JsonReader(input, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = limits.MaxJsonDepth + 2, // our own, tighter check reports DepthExceeded first
        });
        var writer = new MessagePackWriter(output);
        try
        {
            if (!json.Read())
            {
                return JsonTranscodeStatus.InvalidJson;
            }

            JsonTranscodeStatus status = WriteValue(ref json, ref writer, 0, limits);
            if (status != JsonTranscodeStatus.Success)
            {
                return status;
            }

            if (json.Read())
            {
                return JsonTranscodeStatus.InvalidJson; // a text frame holds exactly one value
            }

            writer.Flush();
            return JsonTranscodeStatus.Success;
        }
        catch (JsonException)
        {
            return JsonTranscodeStatus.InvalidJson;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.CopyString throws for escapes that denote lone surrogates (not UTF-8 encodable).
            return JsonTranscodeStatus.InvalidUtf8;
        }
    }

    private static JsonTranscodeStatus WriteValue(ref Utf8JsonReader json, ref MessagePackWriter writer, int depth, Limits limits)
    {
        switch (json.TokenType)
        {
            case JsonTokenType.Null:
                writer.WriteNil();
                return JsonTranscodeStatus.Success;
            case JsonTokenType.True:
                writer.Write(true);
                return JsonTranscodeStatus.Success;
            case JsonTokenType.False:
                writer.Write(false);
                return JsonTranscodeStatus.Success;
            case JsonTokenType.Number:
                return WriteNumber(ref json, ref writer);
            case JsonTokenType.String:
                return WriteString(ref json, ref writer);
            case JsonTokenType.StartArray:
                return WriteArray(ref json, ref writer, depth, limits);
            case JsonTokenType.StartObject:
                return WriteObject(ref json, ref writer, depth, limits);
            default:
                return JsonTranscodeStatus.InvalidJson;
        }
    }

    private static JsonTranscodeStatus WriteArray(ref Utf8JsonReader json, ref MessagePackWriter writer, int depth, Limits limits)
    {
        if (depth >= limits.MaxDepth)
        {
            return JsonTranscodeStatus.DepthExceeded;
        }

        JsonTranscodeStatus status = Count(json, limits, out int count);
        if (status != JsonTranscodeStatus.Success)
        {
            return status;
        }

        writer.WriteArrayHeader(count);
        for (int i = 0; i < count; i++)
        {
            json.Read();
            status = WriteValue(ref json, ref writer, depth + 1, limits);
            if (status != JsonTranscodeStatus.Success)
            {
                return status;
            }
        }

        json.Read(); // EndArray
        return JsonTranscodeStatus.Success;
    }

    private static JsonTranscodeStatus WriteObject(ref Utf8JsonReader json, ref MessagePackWriter writer, int depth, Limits limits)
    {
        Utf8JsonReader probe = json;
        probe.Read();
        if (probe.TokenType == JsonTokenType.PropertyName && FirstNameByte(ref probe) == (byte)'$')
        {
            return WriteTagged(ref json, ref writer, depth, limits);
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
            json.Read(); // PropertyName
            if (FirstNameByte(ref json) == (byte)'$')
            {
                return JsonTranscodeStatus.InvalidTag; // only a single-member object may be a tag
            }

            status = WriteString(ref json, ref writer);
            if (status != JsonTranscodeStatus.Success)
            {
                return status;
            }

            json.Read();
            status = WriteValue(ref json, ref writer, depth + 1, limits);
            if (status != JsonTranscodeStatus.Success)
            {
                return status;
            }
        }

        json.Read(); // EndObject
        return JsonTranscodeStatus.Success;
    }

    /// <summary>Counts the elements (or members) of the array (or object) the reader is on, without moving it, and
    /// rejects nesting beyond the JSON depth the limits allow before the reader has to walk it.</summary>
    private static JsonTranscodeStatus Count(Utf8JsonReader probe, Limits limits, out int count)
    {
        count = 0;
        int start = probe.CurrentDepth;
        bool isObject = probe.TokenType == JsonTokenType.StartObject;
        while (probe.Read())
        {
            int level = probe.CurrentDepth;
            if (level == start)
            {
                return JsonTranscodeStatus.Success; // the matching end token
            }

            if (level > limits.MaxJsonDepth)
            {
                return JsonTranscodeStatus.DepthExceeded;
            }

            if (level == start + 1 && (isObject
                ? probe.TokenType == JsonTokenType.PropertyName
                : probe.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject)) && ++count > limits.MaxCollectionLength)
            {
                return JsonTranscodeStatus.LengthExceeded;
            }
        }

        return JsonTranscodeStatus.InvalidJson;
    }

    /// <summary>The first byte of the current property name after unescaping (a name may spell <c>$</c> as <c>\u0024</c>).</summary>
    private static int FirstNameByte(ref Utf8JsonReader json)
    {
        if (!json.ValueIsEscaped)
        {
            if (json.HasValueSequence)
            {
                return FirstOf(json.ValueSequence);
            }

            return json.ValueSpan.IsEmpty ? -1 : json.ValueSpan[0];
        }

        ReadOnlySpan<byte> name = Unescape(ref json, out byte[]? rented);
        int first = name.IsEmpty ? -1 : name[0];
        Return(rented);
        return first;
    }

    private static int FirstOf(in ReadOnlySequence<byte> sequence)
    {
        foreach (ReadOnlyMemory<byte> segment in sequence)
        {
            if (!segment.IsEmpty)
            {
                return segment.Span[0];
            }
        }

        return -1;
    }

    /// <summary>Writes the current string or property name as a MessagePack str. Utf8JsonReader does not validate
    /// the UTF-8 of string contents, so it is checked here (a text frame is validated by the WebSocket layer too,
    /// RFC 6455 §8.1, but the transcoder is also used on its own).</summary>
    private static JsonTranscodeStatus WriteString(ref Utf8JsonReader json, ref MessagePackWriter writer)
    {
        if (!json.ValueIsEscaped && !json.HasValueSequence)
        {
            if (!Utf8.IsValid(json.ValueSpan))
            {
                return JsonTranscodeStatus.InvalidUtf8;
            }

            writer.WriteStringUtf8(json.ValueSpan);
            return JsonTranscodeStatus.Success;
        }

        ReadOnlySpan<byte> text = Unescape(ref json, out byte[]? rented);
        bool valid = Utf8.IsValid(text);
        if (valid)
        {
            writer.WriteStringUtf8(text);
        }

        Return(rented);
        return valid ? JsonTranscodeStatus.Success : JsonTranscodeStatus.InvalidUtf8;
    }

    /// <summary>The current string or property name, unescaped, in a pooled array the caller returns with
    /// <see cref="Return"/>. (Pooled rather than stack memory: the writer's span parameters are not scoped.)</summary>
    private static ReadOnlySpan<byte> Unescape(scoped ref Utf8JsonReader json, out byte[]? rented)
    {
        int maxLength = json.HasValueSequence ? checked((int)json.ValueSequence.Length) : json.ValueSpan.Length;
        rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, maxLength));
        int written = json.CopyString(rented);
        return rented.AsSpan(0, written);
    }

    private static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The limits in MessagePack terms, and the JSON nesting they allow: a <c>$map</c> level costs three
    /// JSON levels (object, entry list, pair) and a <c>$ts</c> with an <c>$int</c> second also three.</summary>
    private readonly record struct Limits(int MaxDepth, int MaxCollectionLength)
    {
        public int MaxJsonDepth => (3 * (MaxDepth + 1)) + 3;
    }
}
