using System.Buffers;
using ArenaServer.MessagePack.Tests.Model;
using ArenaServer.Tests;
using FsCheck;
using FsCheck.Fluent;

namespace ArenaServer.MessagePack.Tests;

/// <summary>Every strict prefix of a value is <see cref="DecodeError.NeedMoreData"/> and consumes nothing; every
/// two-segment split decodes like the whole (CONVENTIONS.md §38).</summary>
public sealed class MessagePackReaderSegmentationTests
{
    public static TheoryData<string, int> SuiteCases => TestSuiteData.Cases;

    /// <summary>Values whose headers and payloads are long enough to straddle segments in every way.</summary>
    public static TheoryData<string> CraftedValues => new()
    {
        Hex(TestValue.Str(new string('é', 150))),                      // str8 of 300 bytes, 2-byte scalars
        Hex(TestValue.Str(string.Concat(Enumerable.Repeat("a€😀", 20)))), // 1-, 3- and 4-byte scalars
        Hex(TestValue.Bin(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray())), // bin16
        Hex(TestValue.Arr(Enumerable.Range(0, 20).Select(i => TestValue.Int(i * 1000)).ToArray())), // array16
        Hex(TestValue.Map(Enumerable.Range(0, 17).Select(i => (TestValue.Str($"k{i}"), TestValue.F32(i))).ToArray())), // map16
        Hex(TestValue.Timestamp(-62167219200, 999_999_999)),          // timestamp 96
        Hex(TestValue.Ext(42, new byte[17])),                          // ext8
        Hex(TestValue.Arr(TestValue.Int(ulong.MaxValue), TestValue.Int(long.MinValue), TestValue.F64(Math.PI), TestValue.Nil)),
    };

    [Theory]
    [MemberData(nameof(SuiteCases))]
    public void TryRead_SuiteEncodingPrefixesAndSplits_NeedMoreDataThenWhole(string group, int index)
    {
        foreach (byte[] encoding in TestSuiteData.Load(group, index).Encodings)
        {
            AssertPrefixesAndSplits(encoding);
        }
    }

    [Theory]
    [MemberData(nameof(CraftedValues))]
    public void TryRead_CraftedValuePrefixesAndSplits_NeedMoreDataThenWhole(string hex)
        => AssertPrefixesAndSplits(Convert.FromHexString(hex));

    [Fact]
    public void TryRead_RandomValuePrefixesAndSplits_NeedMoreDataThenWhole()
    {
        Prop.ForAll(Arb.From(TestValueGenerators.Value), value => AssertPrefixesAndSplits(TestValueCodec.Encode(value)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    private static void AssertPrefixesAndSplits(byte[] encoding)
    {
        TestValue whole = TestValueCodec.Decode(encoding);
        foreach (int cut in Cuts(encoding.Length))
        {
            AssertPrefix(encoding, new ReadOnlySequence<byte>(encoding, 0, cut));
            if (cut > 0)
            {
                AssertPrefix(encoding, TestSequence.Split(encoding[..cut], cut / 2));
                ReadOnlySequence<byte> split = TestSequence.Split(encoding, cut);
                TestValue decoded = TestValueCodec.Decode(split);
                Assert.True(TestValue.ExactlyEqual(whole, decoded), $"{Convert.ToHexString(encoding)} split at {cut}: {decoded}");

                var reader = new MessagePackReader(split);
                Assert.True(reader.TryReadRaw(out ReadOnlySequence<byte> raw));
                Assert.Equal(encoding, raw.ToArray());
            }
        }

        TestValue segmented = TestValueCodec.Decode(TestSequence.OneBytePerSegment(encoding));
        Assert.True(TestValue.ExactlyEqual(whole, segmented), $"{Convert.ToHexString(encoding)} one byte per segment: {segmented}");
    }

    private static void AssertPrefix(byte[] encoding, ReadOnlySequence<byte> prefix)
    {
        var reader = new MessagePackReader(prefix);
        Assert.False(reader.TrySkip(), $"{Convert.ToHexString(encoding)}: prefix of {prefix.Length} skipped");
        Assert.Equal(DecodeError.NeedMoreData, reader.Error);
        Assert.Equal(0, reader.Consumed);
        Assert.False(reader.TryReadRaw(out _));
        Assert.Equal(DecodeError.NeedMoreData, reader.Error);
        Assert.Equal(0, reader.Consumed);

        // The typed read for the value's family fails the same way (containers may have consumed their headers).
        Assert.False(TestValueCodec.TryRead(ref reader, out _));
        Assert.Equal(DecodeError.NeedMoreData, reader.Error);
        if (prefix.Length > 0 && !IsContainer(encoding[0]))
        {
            Assert.Equal(0, reader.Consumed);
        }
    }

    /// <summary>Every cut point, or for long random values (quadratic to check exhaustively) the first and last 64
    /// and about 256 spread between them.</summary>
    private static IEnumerable<int> Cuts(int length)
    {
        if (length <= 512)
        {
            return Enumerable.Range(0, length);
        }

        int stride = (length / 256) + 1;
        return Enumerable.Range(0, 64)
            .Concat(Enumerable.Range(64, length - 128).Where(cut => cut % stride == 0))
            .Concat(Enumerable.Range(length - 64, 64));
    }

    private static bool IsContainer(byte code)
        => code is (>= 0x80 and <= 0x9f) or 0xdc or 0xdd or 0xde or 0xdf;

    private static string Hex(TestValue value) => Convert.ToHexString(TestValueCodec.Encode(value));
}
