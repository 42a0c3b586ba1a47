using System.Buffers;
using ArenaServer.Tests;

namespace ArenaServer.WebSockets.Tests;

public class FrameReaderTests
{
    [Fact]
    public void TryReadHeader_AllValidVectors_DecodeExactly()
    {
        foreach ((string hex, FrameHeader expected) in Vectors())
        {
            byte[] bytes = Convert.FromHexString(hex);
            Assert.Equal(FrameDecodeResult.Success, FrameReader.TryReadHeader(new ReadOnlySequence<byte>(bytes), out FrameHeader header, out _));
            Assert.Equal(expected, header);
        }
    }

    [Fact]
    public void TryReadHeader_EveryStrictPrefix_NeedMoreData()
    {
        foreach ((string hex, FrameHeader _) in Vectors())
        {
            byte[] bytes = Convert.FromHexString(hex);
            for (int length = 0; length < bytes.Length; length++)
            {
                FrameDecodeResult result = FrameReader.TryReadHeader(new ReadOnlySequence<byte>(bytes, 0, length), out FrameHeader header, out WebSocketCloseStatus error);
                Assert.Equal(FrameDecodeResult.NeedMoreData, result);
                Assert.Equal(default, header);
                Assert.Equal(default, error);
            }
        }
    }

    [Fact]
    public void TryReadHeader_EveryTwoSegmentSplitAndOneBytePerSegment_SameHeader()
    {
        foreach ((string hex, FrameHeader expected) in Vectors())
        {
            byte[] bytes = Convert.FromHexString(hex + "DEADBEEF");
            for (int cut = 0; cut <= bytes.Length; cut++)
            {
                Assert.Equal(FrameDecodeResult.Success, FrameReader.TryReadHeader(TestSequence.Split(bytes, cut), out FrameHeader header, out _));
                Assert.Equal(expected, header);
            }

            Assert.Equal(FrameDecodeResult.Success, FrameReader.TryReadHeader(TestSequence.OneBytePerSegment(bytes), out FrameHeader single, out _));
            Assert.Equal(expected, single);
        }
    }

    [Fact]
    public void TryReadHeader_ExtendedLength127_ReadsUInt64()
    {
        byte[] bytes = Convert.FromHexString("827F00000001000000000000");

        Assert.Equal(FrameDecodeResult.Success, FrameReader.TryReadHeader(new ReadOnlySequence<byte>(bytes), out FrameHeader header, out _));
        Assert.Equal(1L << 32, header.PayloadLength);
        Assert.Equal(10, header.HeaderLength);
    }

    [Theory, Trait("Category", "Security"), Trait("CWE", "190")]
    [InlineData("827F8000000000000000")]
    [InlineData("827FFFFFFFFFFFFFFFFF")]
    [InlineData("82FF800000000000000001020304")]
    public void TryReadHeader_64BitLengthWithMsbSet_ProtocolError(string hex)
    {
        FrameDecodeResult result = FrameReader.TryReadHeader(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), out FrameHeader header, out WebSocketCloseStatus error);

        Assert.Equal(FrameDecodeResult.ProtocolError, result);
        Assert.Equal(WebSocketCloseCodes.ProtocolError, error.Code);
        Assert.Equal(default, header);
    }

    [Theory]
    [InlineData(0x3)]
    [InlineData(0x4)]
    [InlineData(0x5)]
    [InlineData(0x6)]
    [InlineData(0x7)]
    [InlineData(0xB)]
    [InlineData(0xC)]
    [InlineData(0xD)]
    [InlineData(0xE)]
    [InlineData(0xF)]
    public void TryReadHeader_ReservedOpcode_ProtocolErrorFromTwoBytes(int opcode)
    {
        byte[] bytes = [(byte)(0x80 | opcode), 0x80];

        FrameDecodeResult result = FrameReader.TryReadHeader(new ReadOnlySequence<byte>(bytes), out _, out WebSocketCloseStatus error);

        Assert.Equal(FrameDecodeResult.ProtocolError, result);
        Assert.Equal(WebSocketCloseCodes.ProtocolError, error.Code);
    }

    [Theory, Trait("Category", "Security"), Trait("CWE", "770")]
    [InlineData("89FE007E01020304")]
    [InlineData("88FE007E01020304")]
    [InlineData("8AFF000000000000007E01020304")]
    [InlineData("897E")]
    public void TryReadHeader_OversizedControlFrame_ProtocolError(string hex)
    {
        FrameDecodeResult result = FrameReader.TryReadHeader(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), out _, out WebSocketCloseStatus error);

        Assert.Equal(FrameDecodeResult.ProtocolError, result);
        Assert.Equal(WebSocketCloseCodes.ProtocolError, error.Code);
    }

    [Theory]
    [InlineData("0980")]
    [InlineData("0880")]
    [InlineData("0A80")]
    public void TryReadHeader_FragmentedControlFrame_ProtocolError(string hex)
    {
        FrameDecodeResult result = FrameReader.TryReadHeader(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), out _, out WebSocketCloseStatus error);

        Assert.Equal(FrameDecodeResult.ProtocolError, result);
        Assert.Equal(WebSocketCloseCodes.ProtocolError, error.Code);
    }

    [Fact]
    public void TryReadHeader_SpanOverload_SameAsSequence()
    {
        foreach ((string hex, FrameHeader expected) in Vectors())
        {
            Assert.Equal(FrameDecodeResult.Success, FrameReader.TryReadHeader(Convert.FromHexString(hex).AsSpan(), out FrameHeader header, out _));
            Assert.Equal(expected, header);
        }
    }

    [Fact]
    public void IsControl_EachOpcode_HighBit()
    {
        Assert.False(new FrameHeader(true, 0, Opcode.Continuation, true, 0, 0, 6).IsControl);
        Assert.False(new FrameHeader(true, 0, Opcode.Text, true, 0, 0, 6).IsControl);
        Assert.False(new FrameHeader(true, 0, Opcode.Binary, true, 0, 0, 6).IsControl);
        Assert.True(new FrameHeader(true, 0, Opcode.Close, true, 0, 0, 6).IsControl);
        Assert.True(new FrameHeader(true, 0, Opcode.Ping, true, 0, 0, 6).IsControl);
        Assert.True(new FrameHeader(true, 0, Opcode.Pong, true, 0, 0, 6).IsControl);
    }

    internal static IEnumerable<(string Hex, FrameHeader Header)> Vectors()
    {
        yield return ("8100", new(true, 0, Opcode.Text, false, 0, 0, 2));
        yield return ("827D", new(true, 0, Opcode.Binary, false, 0, 125, 2));
        yield return ("027E007E", new(false, 0, Opcode.Binary, false, 0, 126, 4));
        yield return ("827EFFFF", new(true, 0, Opcode.Binary, false, 0, 65535, 4));
        yield return ("827F0000000000010000", new(true, 0, Opcode.Binary, false, 0, 65536, 10));
        yield return ("827F7FFFFFFFFFFFFFFF", new(true, 0, Opcode.Binary, false, 0, long.MaxValue, 10));
        yield return ("8185A1B2C3D4", new(true, 0, Opcode.Text, true, unchecked((int)0xA1B2C3D4), 5, 6));
        yield return ("80FE0080A1B2C3D4", new(true, 0, Opcode.Continuation, true, unchecked((int)0xA1B2C3D4), 128, 8));
        yield return ("82FF0000000000011170A1B2C3D4", new(true, 0, Opcode.Binary, true, unchecked((int)0xA1B2C3D4), 70000, 14));
        yield return ("F180DEADBEEF", new(true, 0b_0111_0000, Opcode.Text, true, unchecked((int)0xDEADBEEF), 0, 6));
        yield return ("C9FD01020304", new(true, 0b_0100_0000, Opcode.Ping, true, 0x01020304, 125, 6));
        yield return ("88800A0B0C0D", new(true, 0, Opcode.Close, true, 0x0A0B0C0D, 0, 6));
        yield return ("8A00", new(true, 0, Opcode.Pong, false, 0, 0, 2));

        // Non-minimal length encodings are accepted (§5.2 forbids sending them, not receiving them).
        yield return ("817E0005", new(true, 0, Opcode.Text, false, 0, 5, 4));
        yield return ("817F0000000000000005", new(true, 0, Opcode.Text, false, 0, 5, 10));
    }
}
