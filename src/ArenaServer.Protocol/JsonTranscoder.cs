using System.Buffers;
using ArenaServer.MessagePack;
using ArenaServer.Protocol.Internal;

namespace ArenaServer.Protocol;

/// <summary>Transcodes between <c>arena.v1.msgpack</c> binary messages and <c>arena.v1.json</c> text messages
/// (proto/PROTOCOL.md §3), losslessly: for canonical (shortest-form) MessagePack, MessagePack → JSON → MessagePack
/// reproduces the input byte for byte.</summary>
/// <remarks>
/// <para>The mapping: nil, booleans, strings and arrays map to themselves; integers map to JSON numbers up to
/// ±(2^53 − 1) and to <c>{"$int":"decimal"}</c> beyond; a float64 maps to a bare JSON number when it has a
/// fractional part and to <c>{"$f64":…}</c> otherwise; a float32 to <c>{"$f32":…}</c>; non-finite and negative-zero
/// floats to their IEEE bits in hex; maps with order-safe string keys to objects and all others to
/// <c>{"$map":[[k,v],…]}</c>; bin to <c>{"$bin":"base64"}</c>; canonical timestamps to <c>{"$ts":[sec,nsec]}</c>;
/// other extensions to <c>{"$ext":[type,"base64"]}</c>.</para>
/// <para>Pure and non-throwing for any input; limits (<see cref="MessagePackReaderOptions.MaxDepth"/>,
/// <see cref="MessagePackReaderOptions.MaxCollectionLength"/>) apply to both directions. Nothing is allocated
/// beyond the output and pooled scratch buffers.</para>
/// </remarks>
/// <example>
/// A text frame on the read loop becomes MessagePack before the envelope is read, so everything after this point
/// is shared by both subprotocols:
/// <code>
/// var buffer = new ArrayBufferWriter&lt;byte&gt;(message.Length);   // or a pooled IBufferWriter
/// if (JsonTranscoder.TranscodeToMessagePack(message, buffer, limits) != JsonTranscodeStatus.Success) { /* 4010 */ }
/// EnvelopeStatus status = EnvelopeReader.ReadFromClient(new ReadOnlySequence&lt;byte&gt;(buffer.WrittenMemory), limits, out Envelope envelope);
/// </code>
/// </example>
public static class JsonTranscoder
{
    /// <summary>Writes the <c>arena.v1.json</c> form of the one MessagePack value in <paramref name="messagePack"/>.</summary>
    /// <param name="messagePack">Exactly one MessagePack value.</param>
    /// <param name="utf8Json">Receives UTF-8 JSON text.</param>
    /// <param name="options">Limits; <see cref="MessagePackReaderOptions.Default"/> when null.</param>
    /// <returns>The outcome.</returns>
    public static JsonTranscodeStatus TranscodeToJson(in ReadOnlySequence<byte> messagePack, IBufferWriter<byte> utf8Json,
        MessagePackReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return MessagePackToJson.Transcode(messagePack, utf8Json, options ?? MessagePackReaderOptions.Default);
    }

    /// <summary>Writes the MessagePack value that the one JSON value in <paramref name="utf8Json"/> stands for, in
    /// the shortest encodings.</summary>
    /// <param name="utf8Json">Exactly one JSON value, UTF-8.</param>
    /// <param name="messagePack">Receives the MessagePack bytes.</param>
    /// <param name="options">Limits; <see cref="MessagePackReaderOptions.Default"/> when null.</param>
    /// <returns>The outcome.</returns>
    public static JsonTranscodeStatus TranscodeToMessagePack(in ReadOnlySequence<byte> utf8Json, IBufferWriter<byte> messagePack,
        MessagePackReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messagePack);
        return JsonToMessagePack.Transcode(utf8Json, messagePack, options ?? MessagePackReaderOptions.Default);
    }
}
