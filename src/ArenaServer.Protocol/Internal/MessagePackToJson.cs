using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Internal;

/// <summary>MessagePack → <c>arena.v1.json</c> (proto/PROTOCOL.md §3). Recursion is bounded by MaxDepth.</summary>
internal static partial class MessagePackToJson
{
    // The JSON goes to WebSocket text frames, never into HTML, so non-ASCII text stays readable UTF-8; JSON's own
    // escapes (quote, backslash, control characters) still apply.
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static JsonTranscodeStatus Transcode(in ReadOnlySequence<byte> input, IBufferWriter<byte> output,
        MessagePackReaderOptions options)
    {
        var reader = new MessagePackReader(input, options);
        Utf8JsonWriter json = t_writer ??= new Utf8JsonWriter(NullBufferWriter.Instance, s_writerOptions);
        json.Reset(output);
        try
        {
            JsonTranscodeStatus status = WriteValue(ref reader, json, 0, options.MaxDepth);
            if (status == JsonTranscodeStatus.Success && !reader.End)
            {
                status = JsonTranscodeStatus.TrailingData;
            }

            if (status == JsonTranscodeStatus.Success)
            {
                json.Flush();
            }

            return status;
        }
        finally
        {
            json.Reset(NullBufferWriter.Instance); // drop the pending bytes and the caller's buffer
        }
    }

    private static JsonTranscodeStatus WriteValue(ref MessagePackReader reader, Utf8JsonWriter json, int depth, int maxDepth)
    {
        if (!reader.TryPeekType(out MessagePackType type))
        {
            return StatusOf(reader.Error);
        }

        switch (type)
        {
            case MessagePackType.Nil:
                reader.TryReadNil();
                json.WriteNullValue();
                return JsonTranscodeStatus.Success;
            case MessagePackType.Boolean:
                reader.TryReadBoolean(out bool flag);
                json.WriteBooleanValue(flag);
                return JsonTranscodeStatus.Success;
            case MessagePackType.Integer:
                return WriteInteger(ref reader, json);
            case MessagePackType.Float:
                return WriteFloat(ref reader, json);
            case MessagePackType.String:
                if (!reader.TryReadStringSequence(out ReadOnlySequence<byte> text))
                {
                    return StatusOf(reader.Error);
                }

                WriteUtf8(json, text, propertyName: false);
                return JsonTranscodeStatus.Success;
            case MessagePackType.Binary:
                if (!reader.TryReadBinary(out ReadOnlySequence<byte> bytes))
                {
                    return StatusOf(reader.Error);
                }

                json.WriteStartObject();
                json.WritePropertyName(JsonForm.Bin);
                WriteBase64(json, bytes);
                json.WriteEndObject();
                return JsonTranscodeStatus.Success;
            case MessagePackType.Extension:
                return WriteExtension(ref reader, json);
            case MessagePackType.Array:
                return WriteArray(ref reader, json, depth, maxDepth);
            case MessagePackType.Map:
                return WriteMap(ref reader, json, depth, maxDepth);
            default:
                return JsonTranscodeStatus.InvalidMessagePack;
        }
    }

    private static JsonTranscodeStatus WriteArray(ref MessagePackReader reader, Utf8JsonWriter json, int depth, int maxDepth)
    {
        if (depth >= maxDepth)
        {
            return JsonTranscodeStatus.DepthExceeded;
        }

        if (!reader.TryReadArrayHeader(out int count))
        {
            return StatusOf(reader.Error);
        }

        json.WriteStartArray();
        for (int i = 0; i < count; i++)
        {
            JsonTranscodeStatus status = WriteValue(ref reader, json, depth + 1, maxDepth);
            if (status != JsonTranscodeStatus.Success)
            {
                return status;
            }
        }

        json.WriteEndArray();
        return JsonTranscodeStatus.Success;
    }

    private static JsonTranscodeStatus WriteMap(ref MessagePackReader reader, Utf8JsonWriter json, int depth, int maxDepth)
    {
        if (depth >= maxDepth)
        {
            return JsonTranscodeStatus.DepthExceeded;
        }

        if (!reader.TryReadMapHeader(out int count))
        {
            return StatusOf(reader.Error);
        }

        bool asObject = KeysAreObjectSafe(reader, count);
        json.WriteStartObject();
        if (!asObject)
        {
            json.WritePropertyName(JsonForm.Map);
            json.WriteStartArray();
        }

        for (int i = 0; i < count; i++)
        {
            JsonTranscodeStatus status;
            if (asObject)
            {
                reader.TryReadStringSequence(out ReadOnlySequence<byte> key); // validated by KeysAreObjectSafe
                WriteUtf8(json, key, propertyName: true);
                status = WriteValue(ref reader, json, depth + 1, maxDepth);
            }
            else
            {
                json.WriteStartArray();
                status = WriteValue(ref reader, json, depth + 1, maxDepth);
                if (status == JsonTranscodeStatus.Success)
                {
                    status = WriteValue(ref reader, json, depth + 1, maxDepth);
                }

                json.WriteEndArray();
            }

            if (status != JsonTranscodeStatus.Success)
            {
                return status;
            }
        }

        if (!asObject)
        {
            json.WriteEndArray();
        }

        json.WriteEndObject();
        return JsonTranscodeStatus.Success;
    }

    /// <summary>Looks ahead on a copy of the reader: a map becomes a JSON object only when every key is a string
    /// that <see cref="JsonForm.IsObjectSafeKey"/> accepts and no key repeats (a JSON object would keep only one).
    /// A malformed map reports its error in the main pass.</summary>
    private static bool KeysAreObjectSafe(MessagePackReader probe, int count)
    {
        byte[]? rented = null;
        Span<byte> scratch = stackalloc byte[64];
        long[] hashes = ArrayPool<long>.Shared.Rent(Math.Max(1, count));
        try
        {
            for (int i = 0; i < count; i++)
            {
                if (!probe.TryPeekType(out MessagePackType type) || type != MessagePackType.String ||
                    !probe.TryReadStringSequence(out ReadOnlySequence<byte> key))
                {
                    return false;
                }

                ReadOnlySpan<byte> span = key.IsSingleSegment ? key.FirstSpan : Contiguous(key, ref scratch, ref rented);
                if (!JsonForm.IsObjectSafeKey(span) || !probe.TrySkip())
                {
                    return false;
                }

                hashes[i] = JsonForm.KeyHash(span);
            }

            return !JsonForm.HasDuplicateHash(hashes.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<long>.Shared.Return(hashes);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static JsonTranscodeStatus StatusOf(DecodeError error) => error switch
    {
        DecodeError.NeedMoreData => JsonTranscodeStatus.NeedMoreData,
        DecodeError.InvalidUtf8 => JsonTranscodeStatus.InvalidUtf8,
        DecodeError.DepthExceeded => JsonTranscodeStatus.DepthExceeded,
        DecodeError.LengthExceeded => JsonTranscodeStatus.LengthExceeded,
        DecodeError.Overflow => JsonTranscodeStatus.Overflow,
        _ => JsonTranscodeStatus.InvalidMessagePack,
    };
}
