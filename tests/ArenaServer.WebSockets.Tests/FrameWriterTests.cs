using System.Buffers;
using System.Text;

namespace ArenaServer.WebSockets.Tests;

public class FrameWriterTests
{
    [Theory]
    [InlineData(0, false, 2)]
    [InlineData(125, false, 2)]
    [InlineData(126, false, 4)]
    [InlineData(65535, false, 4)]
    [InlineData(65536, false, 10)]
    [InlineData(long.MaxValue, false, 10)]
    [InlineData(0, true, 6)]
    [InlineData(126, true, 8)]
    [InlineData(65536, true, 14)]
    public void GetHeaderSize_Length_MinimalEncoding(long length, bool masked, int expected)
    {
        Assert.Equal(expected, FrameWriter.GetHeaderSize(length, masked));
    }

    [Theory]
    [InlineData(true, Opcode.Text, 0L, null, "8100")]
    [InlineData(false, Opcode.Binary, 125L, null, "027D")]
    [InlineData(true, Opcode.Binary, 126L, null, "827E007E")]
    [InlineData(true, Opcode.Binary, 65536L, null, "827F0000000000010000")]
    [InlineData(true, Opcode.Text, 5L, unchecked((int)0x37FA213D), "818537FA213D")]
    [InlineData(true, Opcode.Ping, 0L, 0x01020304, "898001020304")]
    [InlineData(false, Opcode.Continuation, 70000L, 0x01020304, "00FF000000000001117001020304")]
    public void WriteHeader_Values_ExactBytesAndReadBack(bool fin, Opcode opcode, long length, int? maskKey, string hex)
    {
        Span<byte> destination = stackalloc byte[FrameWriter.MaxHeaderSize];

        int written = FrameWriter.WriteHeader(destination, fin, opcode, length, maskKey);

        Assert.Equal(hex, Convert.ToHexString(destination[..written]));
        Assert.Equal(FrameDecodeResult.Success, FrameReader.TryReadHeader(destination[..written], out FrameHeader header, out _));
        Assert.Equal(new FrameHeader(fin, 0, opcode, maskKey.HasValue, maskKey ?? 0, length, written), header);
    }

    [Fact]
    public void WriteHeader_DestinationTooSmall_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameWriter.WriteHeader(new byte[3], true, Opcode.Binary, 126));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(5000)]
    [InlineData(70_000)]
    public void WriteFrame_Payload_HeaderThenPayload(int length)
    {
        byte[] payload = new byte[length];
        new Random(length).NextBytes(payload);
        var output = new ArrayBufferWriter<byte>(8);

        FrameWriter.WriteFrame(output, true, Opcode.Binary, payload);

        Assert.Equal(FrameDecodeResult.Success, FrameReader.TryReadHeader(output.WrittenSpan, out FrameHeader header, out _));
        Assert.Equal(length, header.PayloadLength);
        Assert.False(header.Masked);
        Assert.Equal(header.HeaderLength + length, output.WrittenCount);
        Assert.Equal(payload, output.WrittenSpan[header.HeaderLength..].ToArray());
    }

    [Fact]
    public void WriteClose_CodeAndReason_ParsesBack()
    {
        var output = new ArrayBufferWriter<byte>();

        FrameWriter.WriteClose(output, 4008, "slow consumer");

        Assert.Equal("880F0FA8" + Convert.ToHexString("slow consumer"u8), Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void WriteClose_NoStatus_EmptyPayload()
    {
        var output = new ArrayBufferWriter<byte>();

        FrameWriter.WriteClose(output, WebSocketCloseCodes.NoStatusReceived, "ignored");

        Assert.Equal("8800", Convert.ToHexString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("a", 200)]
    [InlineData("\u00e9", 100)]
    [InlineData("\u20ac", 100)]
    [InlineData("\U0001F600", 60)]
    public void WriteClose_LongReason_TruncatedTo125OnUtf8Boundary(string unit, int repeat)
    {
        var output = new ArrayBufferWriter<byte>();
        string reason = string.Concat(Enumerable.Repeat(unit, repeat));

        FrameWriter.WriteClose(output, 1000, reason);

        Assert.Equal(FrameDecodeResult.Success, FrameReader.TryReadHeader(output.WrittenSpan, out FrameHeader header, out _));
        ReadOnlySpan<byte> payload = output.WrittenSpan[header.HeaderLength..];
        Assert.True(payload.Length <= 125);
        Assert.True(payload.Length > 125 - Encoding.UTF8.GetByteCount(unit));
        Assert.Equal(FrameDecodeResult.Success, CloseFrame.TryParse(payload, out ushort code, out int offset, out _));
        Assert.Equal(1000, code);
        Assert.StartsWith(Encoding.UTF8.GetString(payload[offset..]), reason, StringComparison.Ordinal);
    }
}
