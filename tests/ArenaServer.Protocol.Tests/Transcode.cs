using System.Buffers;
using System.Text;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Tests;

/// <summary>Small wrappers that run the transcoder into fresh buffers.</summary>
internal static class Transcode
{
    public static (JsonTranscodeStatus Status, string Json) ToJson(ReadOnlySequence<byte> messagePack, MessagePackReaderOptions? options = null)
    {
        var output = new ArrayBufferWriter<byte>();
        JsonTranscodeStatus status = JsonTranscoder.TranscodeToJson(messagePack, output, options);
        return (status, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    public static (JsonTranscodeStatus Status, string Json) ToJson(byte[] messagePack, MessagePackReaderOptions? options = null)
        => ToJson(new ReadOnlySequence<byte>(messagePack), options);

    public static (JsonTranscodeStatus Status, byte[] MessagePack) ToMessagePack(ReadOnlySequence<byte> utf8Json, MessagePackReaderOptions? options = null)
    {
        var output = new ArrayBufferWriter<byte>();
        JsonTranscodeStatus status = JsonTranscoder.TranscodeToMessagePack(utf8Json, output, options);
        return (status, output.WrittenSpan.ToArray());
    }

    public static (JsonTranscodeStatus Status, byte[] MessagePack) ToMessagePack(string json, MessagePackReaderOptions? options = null)
        => ToMessagePack(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), options);
}
