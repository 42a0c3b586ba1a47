using System.Buffers;
using ArenaServer.MessagePack.Tests.Model;

namespace ArenaServer.MessagePack.Tests;

public sealed class MessagePackWriterTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(long.MaxValue, "cf7fffffffffffffff")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32768L, "d18000")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483648L, "d280000000")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void Write_Int64Boundaries_ShortestForm(long value, string expected)
    {
        Assert.Equal(expected, Encode((ref MessagePackWriter w) => w.Write(value)));
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            Assert.Equal(expected, Encode((ref MessagePackWriter w) => w.Write((int)value)));
        }
    }

    [Fact]
    public void Write_EveryIntegerType_ShortestForm()
    {
        Assert.Equal("cfffffffffffffffff", Encode(static (ref MessagePackWriter w) => w.Write(ulong.MaxValue)));
        Assert.Equal("ceffffffff", Encode(static (ref MessagePackWriter w) => w.Write(uint.MaxValue)));
        Assert.Equal("cdffff", Encode(static (ref MessagePackWriter w) => w.Write(ushort.MaxValue)));
        Assert.Equal("d18000", Encode(static (ref MessagePackWriter w) => w.Write(short.MinValue)));
        Assert.Equal("ccff", Encode(static (ref MessagePackWriter w) => w.Write(byte.MaxValue)));
        Assert.Equal("d080", Encode(static (ref MessagePackWriter w) => w.Write(sbyte.MinValue)));
        Assert.Equal("7f", Encode(static (ref MessagePackWriter w) => w.Write(sbyte.MaxValue)));
    }

    [Fact]
    public void Write_Floats_KeepTheirWidth()
    {
        Assert.Equal("ca3fc00000", Encode(static (ref MessagePackWriter w) => w.Write(1.5f)));
        Assert.Equal("cb3ff8000000000000", Encode(static (ref MessagePackWriter w) => w.Write(1.5d)));
        Assert.Equal("ca80000000", Encode(static (ref MessagePackWriter w) => w.Write(-0f)));
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65535, "daffff")]
    [InlineData(65536, "db00010000")]
    public void WriteString_LengthBoundaries_ShortestHeader(int length, string header)
    {
        string value = new('x', length);
        string hex = Encode((ref MessagePackWriter w) => w.WriteString(value));
        Assert.Equal(header, hex[..header.Length], ignoreCase: true);
        Assert.Equal((header.Length / 2) + length, hex.Length / 2);
        Assert.Equal(hex, Encode((ref MessagePackWriter w) => w.WriteStringUtf8(System.Text.Encoding.UTF8.GetBytes(value))));
    }

    [Fact]
    public void WriteString_MultiByteAndLoneSurrogate_Utf8WithReplacement()
    {
        Assert.Equal("a3e282ac", Encode(static (ref MessagePackWriter w) => w.WriteString("€")));
        Assert.Equal("a4f09f9880", Encode(static (ref MessagePackWriter w) => w.WriteString("😀")));
        Assert.Equal("a3efbfbd", Encode(static (ref MessagePackWriter w) => w.WriteString("\ud800")));
        Assert.Equal("c0", Encode(static (ref MessagePackWriter w) => w.WriteString((string?)null)));
        Assert.Equal("a26869", Encode(static (ref MessagePackWriter w) => w.WriteString("hi".AsSpan())));
    }

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65536, "c600010000")]
    public void WriteBinary_LengthBoundaries_ShortestHeader(int length, string header)
    {
        byte[] data = new byte[length];
        string hex = Encode((ref MessagePackWriter w) => w.WriteBinary(data));
        Assert.Equal(header, hex[..header.Length], ignoreCase: true);
        Assert.Equal((header.Length / 2) + length, hex.Length / 2);
    }

    [Theory]
    [InlineData(0, "90", "80")]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc0010", "de0010")]
    [InlineData(65535, "dcffff", "deffff")]
    [InlineData(65536, "dd00010000", "df00010000")]
    public void WriteCollectionHeader_CountBoundaries_ShortestHeader(int count, string array, string map)
    {
        Assert.Equal(array, Encode((ref MessagePackWriter w) => w.WriteArrayHeader(count)), ignoreCase: true);
        Assert.Equal(map, Encode((ref MessagePackWriter w) => w.WriteMapHeader(count)), ignoreCase: true);
    }

    [Theory]
    [InlineData(1, "d405")]
    [InlineData(2, "d505")]
    [InlineData(4, "d605")]
    [InlineData(8, "d705")]
    [InlineData(16, "d805")]
    [InlineData(0, "c70005")]
    [InlineData(3, "c70305")]
    [InlineData(255, "c7ff05")]
    [InlineData(256, "c8010005")]
    [InlineData(65536, "c90001000005")]
    public void WriteExtension_LengthBoundaries_ShortestHeader(int length, string header)
    {
        byte[] data = new byte[length];
        string hex = Encode((ref MessagePackWriter w) => w.WriteExtension(5, data));
        Assert.Equal(header, hex[..header.Length], ignoreCase: true);
        Assert.Equal((header.Length / 2) + length, hex.Length / 2);
        Assert.Equal(hex[..header.Length], Encode((ref MessagePackWriter w) => w.WriteExtensionHeader(new ExtensionHeader(5, (uint)length))));
    }

    [Theory]
    [InlineData(0L, 0u, "d6ff00000000")]
    [InlineData(4294967295L, 0u, "d6ffffffffff")]
    [InlineData(4294967296L, 0u, "d7ff0000000100000000")]
    [InlineData(0L, 1u, "d7ff0000000400000000")]
    [InlineData(17179869183L, 999999999u, "d7ffee6b27ffffffffff")]
    [InlineData(17179869184L, 0u, "c70cff000000000000000400000000")]
    [InlineData(-1L, 0u, "c70cff00000000ffffffffffffffff")]
    public void WriteTimestamp_EachForm_Shortest(long seconds, uint nanoseconds, string expected)
        => Assert.Equal(expected, Encode((ref MessagePackWriter w) => w.WriteTimestamp(seconds, nanoseconds)), ignoreCase: true);

    [Fact]
    public void WriteTimestamp_DateTimes_RoundTripToTicks()
    {
        DateTime[] instants =
        [
            DateTime.UnixEpoch, new DateTime(2026, 11, 21, 7, 33, 11, DateTimeKind.Utc).AddTicks(1234567),
            new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(1), DateTime.MinValue, DateTime.MaxValue,
        ];
        foreach (DateTime instant in instants)
        {
            byte[] bytes = Convert.FromHexString(Encode((ref MessagePackWriter w) => w.WriteTimestamp(instant)));
            var reader = new MessagePackReader(bytes);
            Assert.True(reader.TryReadTimestamp(out DateTime read), $"{instant:O}: {reader.Error}");
            Assert.Equal(instant, read);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(static (ref MessagePackWriter w) => w.WriteTimestamp(0, 1_000_000_000)));
    }

    [Fact]
    public void Flush_SmallSegmentsOutput_SameBytesAsOneBuffer()
    {
        // An output that hands out only what is asked for forces the writer through its slow path on every value.
        TestValue value = TestValue.Arr(TestValue.Str(new string('z', 300)), TestValue.Int(ulong.MaxValue),
            TestValue.Bin(new byte[70_000]), TestValue.Timestamp(-5, 5), TestValue.F64(2.5), TestValue.Nil);
        var tight = new TightBufferWriter();
        var writer = new MessagePackWriter(tight);
        TestValueCodec.Write(ref writer, value);
        writer.Flush();
        Assert.Equal(TestValueCodec.Encode(value), tight.Written.ToArray());
        Assert.True(tight.AdvanceCalls > 1);
    }

    [Fact]
    public void Flush_NotCalled_NothingCommitted()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        writer.Write(1);
        writer.WriteRaw([0x90]);
        Assert.Equal(0, output.WrittenCount);
        writer.Flush();
        Assert.Equal([0x01, 0x90], output.WrittenSpan.ToArray());
        writer.Flush();
        Assert.Equal(2, output.WrittenCount);
    }

    [Fact]
    public void WriteArrayHeader_Negative_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Encode(static (ref MessagePackWriter w) => w.WriteArrayHeader(-1)));

    private delegate void WriterCall(ref MessagePackWriter writer);

    private static string Encode(WriterCall call)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        call(ref writer);
        writer.Flush();
        return Convert.ToHexStringLower(output.WrittenSpan);
    }

    /// <summary>Returns spans of exactly the requested size (or 1 byte for a zero hint).</summary>
    private sealed class TightBufferWriter : IBufferWriter<byte>
    {
        private readonly List<byte> _written = [];
        private byte[] _current = [];

        public IReadOnlyList<byte> Written => _written;

        public int AdvanceCalls { get; private set; }

        public void Advance(int count)
        {
            _written.AddRange(_current.AsSpan(0, count).ToArray());
            AdvanceCalls++;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            _current = new byte[Math.Max(sizeHint, 1)];
            return _current;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
