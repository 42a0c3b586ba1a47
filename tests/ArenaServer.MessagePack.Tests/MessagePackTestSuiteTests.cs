using System.Buffers;
using ArenaServer.MessagePack.Tests.Model;
using ArenaServer.Tests;

namespace ArenaServer.MessagePack.Tests;

/// <summary>Checks the codec against the <c>msgpack-test-suite</c> data set (CONVENTIONS.md §39).</summary>
public sealed class MessagePackTestSuiteTests
{
    public static TheoryData<string, int> Cases => TestSuiteData.Cases;

    [Fact]
    public void Cases_DataSet_HasEveryGroup()
    {
        // Guards against a silently empty or truncated data set: 15 groups, 85 cases in msgpack-test-suite 1.0.0.
        Assert.Equal(15, Cases.Select(c => (string)c[0]).Distinct().Count());
        Assert.Equal(85, Cases.Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_EveryListedEncoding_YieldsValue(string group, int index)
    {
        (TestValue expected, byte[][] encodings) = TestSuiteData.Load(group, index);
        foreach (byte[] encoding in encodings)
        {
            // The suite lists e.g. 1 as "ca-3f-80-00-00" too: a float encoding decodes to the same number.
            TestValue whole = TestValueCodec.Decode(encoding);
            Assert.True(TestValue.NumericallyEqual(expected, whole), $"{Convert.ToHexString(encoding)} decoded to {whole}, expected {expected}");
            Assert.True(expected.IsNumber || TestValue.ExactlyEqual(expected, whole), $"{Convert.ToHexString(encoding)}: {whole} is not exactly {expected}");

            TestValue segmented = TestValueCodec.Decode(TestSequence.OneBytePerSegment(encoding));
            Assert.True(TestValue.ExactlyEqual(whole, segmented), $"{Convert.ToHexString(encoding)} one byte per segment: {segmented}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_Value_YieldsCanonicalEncoding(string group, int index)
    {
        (TestValue value, byte[][] encodings) = TestSuiteData.Load(group, index);
        byte[] actual = TestValueCodec.Encode(value);
        byte[] canonical = encodings[0];
        if (actual.AsSpan().SequenceEqual(canonical))
        {
            return;
        }

        // The only documented difference: for 9223372036854775807 the suite lists int64 (d3) first, but a
        // non-negative value above uint32 has two 9-byte encodings, and our writer always uses the uint family
        // for non-negative values. The shortest-form rule still holds: the same length, and a listed encoding.
        Assert.True(value.Kind == TestValueKind.Integer && value.Integer >= 0 && canonical[0] == 0xd3,
            $"{group}[{index}] {value}: wrote {Convert.ToHexString(actual)}, canonical is {Convert.ToHexString(canonical)}");
        Assert.Equal(canonical.Length, actual.Length);
        Assert.Equal(encodings.Min(e => e.Length), actual.Length);
        Assert.Contains(encodings, e => e.AsSpan().SequenceEqual(actual));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Skip_EveryListedEncoding_ConsumesWholeValue(string group, int index)
    {
        (_, byte[][] encodings) = TestSuiteData.Load(group, index);
        foreach (byte[] encoding in encodings)
        {
            var reader = new MessagePackReader(new ReadOnlySequence<byte>(encoding));
            Assert.True(reader.TrySkip(), $"{Convert.ToHexString(encoding)}: {reader.Error}");
            Assert.True(reader.End);
            Assert.Equal(DecodeError.None, reader.Error);
        }
    }
}
