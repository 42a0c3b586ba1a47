using System.Buffers;

namespace ArenaServer.MessagePack.Tests;

/// <summary>Span parameters are <c>scoped</c>, so callers holding a writer by ref can pass stack buffers.</summary>
public sealed class MessagePackWriterStackBufferTests
{
    [Fact]
    public void Write_StackSpansThroughRefWriter_EncodesShortestForms()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);

        WriteFromStack(ref writer);
        writer.Flush();

        // ["ab", bin [1, 2], nil (raw), ext 5 [9]]: fixarray 4, fixstr 2, bin8 2, nil, fixext1 type 5
        Assert.Equal(Convert.FromHexString("94A26162C4020102C0D40509"), output.WrittenSpan.ToArray());
    }

    private static void WriteFromStack(ref MessagePackWriter writer)
    {
        Span<byte> scratch = stackalloc byte[2];
        writer.WriteArrayHeader(4);
        scratch[0] = (byte)'a';
        scratch[1] = (byte)'b';
        writer.WriteStringUtf8(scratch);
        scratch[0] = 1;
        scratch[1] = 2;
        writer.WriteBinary(scratch);
        scratch[0] = 0xC0;
        writer.WriteRaw(scratch[..1]);
        scratch[0] = 9;
        writer.WriteExtension(5, scratch[..1]);
    }
}
