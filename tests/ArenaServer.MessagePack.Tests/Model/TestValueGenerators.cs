using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace ArenaServer.MessagePack.Tests.Model;

/// <summary>FsCheck generators for values of every format family, nested, with lengths that cross every header
/// width boundary (fix/8/16-bit), and integers of every width.</summary>
internal static class TestValueGenerators
{
    private static readonly long[] s_integerEdges =
    [
        0, 1, 31, 32, 127, 128, 255, 256, 65535, 65536, uint.MaxValue, (long)uint.MaxValue + 1, long.MaxValue,
        -1, -31, -32, -33, -127, -128, -129, -32768, -32769, int.MinValue, (long)int.MinValue - 1, long.MinValue,
    ];

    private static readonly int[] s_lengthEdges = [0, 1, 15, 16, 31, 32, 255, 256, 300];

    private static Gen<int> CodePoint { get; } = Gen.Frequency(
        (6, Gen.Choose(0x20, 0x7e)),
        (2, Gen.Choose(0x80, 0x7ff)),
        (2, Gen.Choose(0x800, 0xd7ff)),
        (1, Gen.Choose(0xe000, 0xfffd)),
        (1, Gen.Choose(0x10000, 0x10ffff)));

    public static Gen<long> Int64Bits { get; } =
        Gen.Choose(int.MinValue, int.MaxValue).SelectMany(high => Gen.Choose(int.MinValue, int.MaxValue),
            (high, low) => ((long)high << 32) | (uint)low);

    /// <summary>Integers spread over every encoding width, plus the boundaries between widths.</summary>
    public static Gen<Int128> Integer { get; } = Gen.Frequency(
        (3, Gen.Elements(s_integerEdges).Select(v => (Int128)v)),
        (1, Gen.Elements(ulong.MaxValue, (ulong)long.MaxValue + 1).Select(v => (Int128)v)),
        (6, Gen.Choose(0, 63).SelectMany(bits => Int64Bits, (bits, raw) => (Int128)(raw >> bits))),
        (2, Int64Bits.Select(raw => (Int128)(ulong)raw)));

    public static Gen<double> Float64 { get; } = Gen.Frequency(
        (6, Int64Bits.Select(BitConverter.Int64BitsToDouble)),
        (3, Gen.Choose(-1_000_000, 1_000_000).Select(v => v / 64.0)),
        (1, Gen.Elements(0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue)));

    public static Gen<float> Float32 { get; } = Gen.Frequency(
        (6, Gen.Choose(int.MinValue, int.MaxValue).Select(BitConverter.Int32BitsToSingle)),
        (3, Gen.Choose(-1_000_000, 1_000_000).Select(v => v / 64f)),
        (1, Gen.Elements(0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue)));

    public static Gen<int> Length { get; } = Gen.Frequency(
        (2, Gen.Elements(s_lengthEdges)),
        (5, Gen.Choose(0, 40)));

    /// <summary>Well-formed text: ASCII, 2-, 3- and 4-byte UTF-8 scalars (never lone surrogates, which no encoder
    /// can round-trip).</summary>
    public static Gen<string> Text { get; } = Length.SelectMany(length => Gen.ArrayOf(CodePoint, length),
        (_, scalars) => string.Concat(scalars.Select(s => new Rune(s).ToString())));

    public static Gen<byte[]> Bytes { get; } = Length.SelectMany(length => Gen.ArrayOf(Gen.Choose(0, 255), length),
        (_, values) => values.Select(v => (byte)v).ToArray());

    /// <summary>Timestamps of all three forms; seconds within ±2^53 so a JavaScript number holds them exactly.</summary>
    public static Gen<TestValue> Timestamp { get; } = Gen.Frequency(
            (2, Gen.Choose(0, int.MaxValue).Select(s => (long)s * 2)),
            (2, Gen.Choose(0, int.MaxValue).Select(s => (long)s * 8)),
            (1, Gen.Elements(0L, uint.MaxValue, (long)uint.MaxValue + 1, (1L << 34) - 1, 1L << 34, -1L, (1L << 53) - 1, -(1L << 53) + 1)),
            (2, Int64Bits.Select(raw => raw >> 11)))
        .SelectMany(seconds => Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, 999_999_999))),
            (seconds, nanoseconds) => TestValue.Timestamp(seconds, (uint)nanoseconds));

    public static Gen<TestValue> Leaf { get; } = Gen.Frequency(
        (1, Gen.Constant(TestValue.Nil)),
        (1, Gen.Elements(true, false).Select(TestValue.Bool)),
        (4, Integer.Select(TestValue.Int)),
        (2, Float32.Select(TestValue.F32)),
        (2, Float64.Select(TestValue.F64)),
        (3, Text.Select(TestValue.Str)),
        (2, Bytes.Select(TestValue.Bin)),
        (1, Gen.Choose(0, 127).SelectMany(_ => Bytes, (type, data) => TestValue.Ext((sbyte)type, data))),
        (1, Timestamp));

    /// <summary>Any value, nested up to a depth that shrinks with FsCheck's size.</summary>
    public static Gen<TestValue> Value { get; } = Gen.Sized(size => Nested(Math.Min(4, size / 10)));

    private static Gen<TestValue> Nested(int depth)
    {
        if (depth <= 0)
        {
            return Leaf;
        }

        Gen<TestValue> child = Nested(depth - 1);
        Gen<int> count = Gen.Frequency((6, Gen.Choose(0, 6)), (1, Gen.Elements(15, 16, 17)));
        Gen<TestValue> array = count.SelectMany(n => Gen.ArrayOf(child, n), (_, items) => TestValue.Arr(items));

        // String keys with a letter prefix: a JavaScript object (what the peer decodes maps into) keeps their
        // insertion order and cannot merge them, unlike integer-like or duplicate keys.
        Gen<TestValue> map = count.SelectMany(n => Gen.ArrayOf(child, n), (_, items) =>
            TestValue.Map(items.Select((item, i) => (TestValue.Str($"k{i}"), item)).ToArray()));
        return Gen.Frequency((5, Leaf), (2, array), (2, map));
    }
}
