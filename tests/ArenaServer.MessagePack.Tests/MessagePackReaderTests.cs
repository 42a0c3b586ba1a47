using System.Buffers;
using ArenaServer.Tests;

namespace ArenaServer.MessagePack.Tests;

public sealed class MessagePackReaderTests
{
    [Theory]
    [InlineData("00", 0L)]
    [InlineData("7f", 127L)]
    [InlineData("e0", -32L)]
    [InlineData("ff", -1L)]
    [InlineData("cc80", 128L)]
    [InlineData("cdffff", 65535L)]
    [InlineData("ceffffffff", 4294967295L)]
    [InlineData("cf7fffffffffffffff", long.MaxValue)]
    [InlineData("d080", -128L)]
    [InlineData("d17fff", 32767L)]
    [InlineData("d280000000", -2147483648L)]
    [InlineData("d38000000000000000", long.MinValue)]
    [InlineData("d000", 0L)]
    [InlineData("cf0000000000000001", 1L)]
    public void TryReadInt64_EveryWidth_ReadsValue(string hex, long expected)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.True(reader.TryReadInt64(out long value));
        Assert.Equal(expected, value);
        Assert.Equal(DecodeError.None, reader.Error);
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("d0ff", -1)]
    [InlineData("d080", -128)]
    [InlineData("cc7f", 127)]
    [InlineData("d1ff80", -128)]
    [InlineData("d3ffffffffffffff80", -128)]
    public void TryReadSByte_WiderFormatInRange_ReadsValue(string hex, sbyte expected)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.True(reader.TryReadSByte(out sbyte value));
        Assert.Equal(expected, value);
        Assert.True(reader.End);
    }

    [Fact]
    public void TryReadNarrowIntegers_OutOfRange_OverflowConsumesNothing()
    {
        byte[] uint32Max = Convert.FromHexString("ceffffffff");
        byte[] minusOne = Convert.FromHexString("ff");
        byte[] uint64Max = Convert.FromHexString("cfffffffffffffffff");

        AssertOverflow(uint32Max, static (ref MessagePackReader r) => r.TryReadInt32(out _));
        AssertOverflow(uint32Max, static (ref MessagePackReader r) => r.TryReadUInt16(out _));
        AssertOverflow(uint32Max, static (ref MessagePackReader r) => r.TryReadInt16(out _));
        AssertOverflow(uint32Max, static (ref MessagePackReader r) => r.TryReadByte(out _));
        AssertOverflow(minusOne, static (ref MessagePackReader r) => r.TryReadByte(out _));
        AssertOverflow(minusOne, static (ref MessagePackReader r) => r.TryReadUInt16(out _));
        AssertOverflow(minusOne, static (ref MessagePackReader r) => r.TryReadUInt32(out _));
        AssertOverflow(minusOne, static (ref MessagePackReader r) => r.TryReadUInt64(out _));
        AssertOverflow(uint64Max, static (ref MessagePackReader r) => r.TryReadInt64(out _));
        AssertOverflow(Convert.FromHexString("d1ff7f"), static (ref MessagePackReader r) => r.TryReadSByte(out _)); // -129

        var reader = new MessagePackReader(uint64Max);
        Assert.True(reader.TryReadUInt64(out ulong max));
        Assert.Equal(ulong.MaxValue, max);
        reader = new MessagePackReader(uint32Max);
        Assert.True(reader.TryReadUInt32(out uint u32));
        Assert.Equal(uint.MaxValue, u32);
    }

    [Theory]
    [InlineData("c0")]
    [InlineData("c3")]
    [InlineData("a161")]
    [InlineData("ca3f800000")]
    [InlineData("90")]
    [InlineData("d6ff00000000")]
    public void TryReadInt32_NotAnInteger_TypeMismatchConsumesNothing(string hex)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.False(reader.TryReadInt32(out int value));
        Assert.Equal(0, value);
        Assert.Equal(DecodeError.TypeMismatch, reader.Error);
        Assert.Equal(0, reader.Consumed);
    }

    [Theory]
    [InlineData("ca3fc00000", 1.5f)]
    [InlineData("cb3ff8000000000000", 1.5f)]   // float64 that float32 holds exactly
    [InlineData("ce01000000", 16777216f)]      // 2^24: exact
    [InlineData("d0ff", -1f)]
    [InlineData("cb7ff8000000000000", float.NaN)]
    public void TryReadSingle_ExactSources_ReadsValue(string hex, float expected)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.True(reader.TryReadSingle(out float value));
        Assert.Equal(expected, value);
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("cb3fb999999999999a")]        // 0.1 as float64 is not a float32
    [InlineData("ce01000001")]                // 2^24 + 1
    [InlineData("cf7fffffffffffffff")]        // long.MaxValue rounds to 2^63
    [InlineData("cfffffffffffffffff")]        // ulong.MaxValue rounds to 2^64
    public void TryReadSingle_LossyConversion_Overflow(string hex)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.False(reader.TryReadSingle(out _));
        Assert.Equal(DecodeError.Overflow, reader.Error);
        Assert.Equal(0, reader.Consumed);
    }

    [Theory]
    [InlineData("ca3fc00000", 1.5)]
    [InlineData("cb400921fb54442d18", Math.PI)]
    [InlineData("cfffffffffffffffff", 18446744073709551615.0)]
    [InlineData("d38000000000000000", -9223372036854775808.0)]
    [InlineData("05", 5.0)]
    public void TryReadDouble_AnyNumber_ReadsValue(string hex, double expected)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.True(reader.TryReadDouble(out double value));
        Assert.Equal(expected, value);
        Assert.True(reader.End);
    }

    [Fact]
    public void TryReadString_Nil_Null()
    {
        var reader = new MessagePackReader(new byte[] { 0xc0 });
        Assert.True(reader.TryReadString(out string? value));
        Assert.Null(value);
        Assert.True(reader.End);

        reader = new MessagePackReader(new byte[] { 0xc0 });
        Assert.False(reader.TryReadStringSequence(out _));
        Assert.Equal(DecodeError.TypeMismatch, reader.Error);
    }

    [Fact]
    public void TryReadStringSequence_Split_ReturnsValidatedSlice()
    {
        byte[] bytes = [0xa7, .. "h€llo"u8];
        for (int cut = 1; cut < bytes.Length; cut++)
        {
            var reader = new MessagePackReader(TestSequence.Split(bytes, cut));
            Assert.True(reader.TryReadStringSequence(out ReadOnlySequence<byte> utf8));
            Assert.Equal("h€llo"u8.ToArray(), utf8.ToArray());
            Assert.True(reader.End);
        }
    }

    [Fact]
    public void TryReadBinary_Str_TypeMismatch()
    {
        var reader = new MessagePackReader(Convert.FromHexString("a161"));
        Assert.False(reader.TryReadBinary(out _));
        Assert.Equal(DecodeError.TypeMismatch, reader.Error);

        reader = new MessagePackReader(Convert.FromHexString("c4026162"));
        Assert.True(reader.TryReadBinary(out ReadOnlySequence<byte> bytes));
        Assert.Equal("ab"u8.ToArray(), bytes.ToArray());
    }

    [Theory]
    [InlineData("d6ff5a4af6a5", 1514862245L, 0u)]
    [InlineData("d7ffa1dcd7c85a4af6a5", 1514862245L, 678901234u)]
    [InlineData("c70cff3b9ac9ffffffffff7c55817f", -2208988801L, 999999999u)]
    public void TryReadTimestamp_EveryForm_ReadsSecondsAndNanoseconds(string hex, long seconds, uint nanoseconds)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.True(reader.TryReadTimestamp(out long s, out uint ns));
        Assert.Equal(seconds, s);
        Assert.Equal(nanoseconds, ns);
        Assert.True(reader.End);

        reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.True(reader.TryReadTimestamp(out DateTime utc));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(seconds).AddTicks(nanoseconds / 100), utc);
    }

    [Fact]
    public void TryReadTimestamp_OutsideDateTime_OverflowButSecondsReadable()
    {
        // timestamp 96 with seconds = long.MaxValue.
        byte[] bytes = Convert.FromHexString("c70cff000000007fffffffffffffff");
        var reader = new MessagePackReader(bytes);
        Assert.False(reader.TryReadTimestamp(out DateTime _));
        Assert.Equal(DecodeError.Overflow, reader.Error);
        Assert.Equal(0, reader.Consumed);
        Assert.True(reader.TryReadTimestamp(out long seconds, out _));
        Assert.Equal(long.MaxValue, seconds);
    }

    [Theory]
    [InlineData("d5ff0000")]          // type -1 with 2 bytes: not a timestamp form
    [InlineData("d6010000000000")]    // fixext4 of another type
    [InlineData("ce00000001")]
    public void TryReadTimestamp_NotATimestamp_TypeMismatch(string hex)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.False(reader.TryReadTimestamp(out long _, out uint _));
        Assert.Equal(DecodeError.TypeMismatch, reader.Error);
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    public void TryReadExtension_Ext16_ReadsHeaderAndData()
    {
        byte[] bytes = [0xc8, 0x01, 0x00, 0x07, .. Enumerable.Range(0, 256).Select(i => (byte)i)];
        var reader = new MessagePackReader(bytes);
        Assert.True(reader.TryReadExtension(out ExtensionHeader header, out ReadOnlySequence<byte> data));
        Assert.Equal(new ExtensionHeader(7, 256), header);
        Assert.Equal(bytes[4..], data.ToArray());

        reader = new MessagePackReader(bytes);
        Assert.True(reader.TryReadExtensionHeader(out header));
        Assert.Equal(4, reader.Consumed);
    }

    [Fact]
    public void TrySkipValues_LastValueTruncated_ConsumesNothing()
    {
        var reader = new MessagePackReader(Convert.FromHexString("01a3616263cd00"));
        Assert.False(reader.TrySkipValues(3));
        Assert.Equal(DecodeError.NeedMoreData, reader.Error);
        Assert.Equal(0, reader.Consumed);
        Assert.True(reader.TrySkipValues(2));
        Assert.Equal(5, reader.Consumed);
        Assert.True(reader.TrySkipValues(0));
    }

    [Fact]
    public void TryReadRaw_NestedValue_ReturnsItsBytes()
    {
        byte[] first = Convert.FromHexString("82a161920102a162c0");
        byte[] bytes = [.. first, 0x07];
        var reader = new MessagePackReader(TestSequence.OneBytePerSegment(bytes));
        Assert.True(reader.TryReadRaw(out ReadOnlySequence<byte> raw));
        Assert.Equal(first, raw.ToArray());
        Assert.True(reader.TryReadByte(out byte next));
        Assert.Equal(7, next);
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("c0", MessagePackType.Nil)]
    [InlineData("c2", MessagePackType.Boolean)]
    [InlineData("05", MessagePackType.Integer)]
    [InlineData("e5", MessagePackType.Integer)]
    [InlineData("d3", MessagePackType.Integer)]
    [InlineData("ca", MessagePackType.Float)]
    [InlineData("a0", MessagePackType.String)]
    [InlineData("db", MessagePackType.String)]
    [InlineData("c5", MessagePackType.Binary)]
    [InlineData("9f", MessagePackType.Array)]
    [InlineData("dd", MessagePackType.Array)]
    [InlineData("80", MessagePackType.Map)]
    [InlineData("df", MessagePackType.Map)]
    [InlineData("d8", MessagePackType.Extension)]
    [InlineData("c7", MessagePackType.Extension)]
    [InlineData("c1", MessagePackType.Unknown)]
    public void TryPeekType_FormatByte_ReportsFamilyWithoutConsuming(string hex, MessagePackType expected)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.True(reader.TryPeekType(out MessagePackType type));
        Assert.Equal(expected, type);
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    public void TryPeekType_Empty_NeedMoreData()
    {
        var reader = new MessagePackReader(ReadOnlyMemory<byte>.Empty);
        Assert.False(reader.TryPeekType(out _));
        Assert.Equal(DecodeError.NeedMoreData, reader.Error);
        Assert.True(reader.End);
    }

    [Fact]
    public void Error_AfterFailureThenSuccess_ResetToNone()
    {
        var reader = new MessagePackReader(Convert.FromHexString("a161"));
        Assert.False(reader.TryReadInt32(out _));
        Assert.Equal(DecodeError.TypeMismatch, reader.Error);
        Assert.True(reader.TryReadString(out string? value));
        Assert.Equal("a", value);
        Assert.Equal(DecodeError.None, reader.Error);
    }

    [Fact]
    public void Options_InvalidLimits_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePackReaderOptions { MaxDepth = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePackReaderOptions { MaxDepth = 1001 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePackReaderOptions { MaxCollectionLength = -1 });
        Assert.Equal(32, MessagePackReaderOptions.Default.MaxDepth);
        Assert.Equal(4096, MessagePackReaderOptions.Default.MaxCollectionLength);

        // Depth 0 admits scalars only (a caller one level inside a message derives MaxDepth - 1).
        var scalarsOnly = new MessagePackReaderOptions { MaxDepth = 0 };
        var reader = new MessagePackReader(Convert.FromHexString("0590"), scalarsOnly);
        Assert.True(reader.TrySkip());
        Assert.False(reader.TrySkip());
        Assert.Equal(DecodeError.DepthExceeded, reader.Error);
    }

    [Fact]
    public void TryReadInt32_SplitAcrossSegments_ReadsLikeWhole()
    {
        byte[] bytes = Convert.FromHexString("d2800000007b");
        var reader = new MessagePackReader(TestSequence.OneBytePerSegment(bytes));
        Assert.True(reader.TryReadInt32(out int first));
        Assert.Equal(int.MinValue, first);
        Assert.Equal(5, reader.Consumed);
        Assert.True(reader.TryReadInt32(out int second));
        Assert.Equal(123, second);
    }

    private delegate bool ReaderCall(ref MessagePackReader reader);

    private static void AssertOverflow(byte[] bytes, ReaderCall call)
    {
        var reader = new MessagePackReader(bytes);
        Assert.False(call(ref reader));
        Assert.Equal(DecodeError.Overflow, reader.Error);
        Assert.Equal(0, reader.Consumed);
    }
}
