using System.Globalization;
using System.Text;

namespace ArenaServer.MessagePack.Tests.Model;

/// <summary>A MessagePack value as a typed tree, independent of our codec: the common language of the test-suite
/// data, the FsCheck generators and the Node peer.</summary>
internal sealed class TestValue
{
    private TestValue(TestValueKind kind) => Kind = kind;

    public TestValueKind Kind { get; }

    public bool Boolean { get; private init; }

    public Int128 Integer { get; private init; }

    public double Float { get; private init; }

    public string Text { get; private init; } = "";

    public byte[] Bytes { get; private init; } = [];

    public TestValue[] Items { get; private init; } = [];

    public (TestValue Key, TestValue Value)[] Entries { get; private init; } = [];

    public sbyte ExtensionType { get; private init; }

    public long Seconds { get; private init; }

    public uint Nanoseconds { get; private init; }

    public static TestValue Nil { get; } = new(TestValueKind.Nil);

    public static TestValue Bool(bool value) => new(TestValueKind.Boolean) { Boolean = value };

    public static TestValue Int(Int128 value) => new(TestValueKind.Integer) { Integer = value };

    public static TestValue F32(float value) => new(TestValueKind.Float32) { Float = value };

    public static TestValue F64(double value) => new(TestValueKind.Float64) { Float = value };

    public static TestValue Str(string value) => new(TestValueKind.String) { Text = value };

    public static TestValue Bin(byte[] value) => new(TestValueKind.Binary) { Bytes = value };

    public static TestValue Arr(params TestValue[] items) => new(TestValueKind.Array) { Items = items };

    public static TestValue Map(params (TestValue Key, TestValue Value)[] entries)
        => new(TestValueKind.Map) { Entries = entries };

    public static TestValue Ext(sbyte type, byte[] data)
        => new(TestValueKind.Extension) { ExtensionType = type, Bytes = data };

    public static TestValue Timestamp(long seconds, uint nanoseconds)
        => new(TestValueKind.Timestamp) { Seconds = seconds, Nanoseconds = nanoseconds };

    public bool IsNumber => Kind is TestValueKind.Integer or TestValueKind.Float32 or TestValueKind.Float64;

    /// <summary>Exact equality: same kinds, float widths and bits (NaN equals NaN).</summary>
    public static bool ExactlyEqual(TestValue a, TestValue b) => Equal(a, b, numeric: false);

    /// <summary>Equality as a JavaScript peer sees it: numbers compare by value whatever their encoding, since
    /// JavaScript has one number type (and a whole float64 is written as an integer).</summary>
    public static bool NumericallyEqual(TestValue a, TestValue b) => Equal(a, b, numeric: true);

    private static bool Equal(TestValue a, TestValue b, bool numeric)
    {
        if (numeric && a.IsNumber && b.IsNumber)
        {
            return NumberEquals(a, b);
        }

        if (a.Kind != b.Kind)
        {
            return false;
        }

        return a.Kind switch
        {
            TestValueKind.Nil => true,
            TestValueKind.Boolean => a.Boolean == b.Boolean,
            TestValueKind.Integer => a.Integer == b.Integer,
            TestValueKind.Float32 or TestValueKind.Float64 => BitConverter.DoubleToInt64Bits(a.Float) == BitConverter.DoubleToInt64Bits(b.Float)
                || (double.IsNaN(a.Float) && double.IsNaN(b.Float)),
            TestValueKind.String => a.Text == b.Text,
            TestValueKind.Binary => a.Bytes.AsSpan().SequenceEqual(b.Bytes),
            TestValueKind.Array => a.Items.Length == b.Items.Length && a.Items.Zip(b.Items).All(p => Equal(p.First, p.Second, numeric)),
            TestValueKind.Map => a.Entries.Length == b.Entries.Length && a.Entries.Zip(b.Entries)
                .All(p => Equal(p.First.Key, p.Second.Key, numeric) && Equal(p.First.Value, p.Second.Value, numeric)),
            TestValueKind.Extension => a.ExtensionType == b.ExtensionType && a.Bytes.AsSpan().SequenceEqual(b.Bytes),
            _ => a.Seconds == b.Seconds && a.Nanoseconds == b.Nanoseconds,
        };
    }

    private static bool NumberEquals(TestValue a, TestValue b)
    {
        if (a.Kind == TestValueKind.Integer && b.Kind == TestValueKind.Integer)
        {
            return a.Integer == b.Integer;
        }

        if (a.Kind != TestValueKind.Integer && b.Kind != TestValueKind.Integer)
        {
            return a.Float == b.Float || (double.IsNaN(a.Float) && double.IsNaN(b.Float));
        }

        (TestValue integer, TestValue floating) = a.Kind == TestValueKind.Integer ? (a, b) : (b, a);
        double f = floating.Float;
        return double.IsFinite(f) && Math.Floor(f) == f && Math.Abs(f) < 1.8446744073709552E19 && (Int128)f == integer.Integer;
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder);
        return builder.ToString();
    }

    private void Append(StringBuilder builder)
    {
        switch (Kind)
        {
            case TestValueKind.Nil:
                builder.Append("nil");
                break;
            case TestValueKind.Boolean:
                builder.Append(Boolean ? "true" : "false");
                break;
            case TestValueKind.Integer:
                builder.Append(Integer.ToString(CultureInfo.InvariantCulture));
                break;
            case TestValueKind.Float32:
                builder.Append(CultureInfo.InvariantCulture, $"{(float)Float:R}f");
                break;
            case TestValueKind.Float64:
                builder.Append(CultureInfo.InvariantCulture, $"{Float:R}d");
                break;
            case TestValueKind.String:
                builder.Append('"').Append(Text).Append('"');
                break;
            case TestValueKind.Binary:
                builder.Append("bin(").Append(Convert.ToHexString(Bytes)).Append(')');
                break;
            case TestValueKind.Array:
                builder.Append('[');
                for (int i = 0; i < Items.Length; i++)
                {
                    builder.Append(i == 0 ? "" : ", ");
                    Items[i].Append(builder);
                }

                builder.Append(']');
                break;
            case TestValueKind.Map:
                builder.Append('{');
                for (int i = 0; i < Entries.Length; i++)
                {
                    builder.Append(i == 0 ? "" : ", ");
                    Entries[i].Key.Append(builder);
                    builder.Append(": ");
                    Entries[i].Value.Append(builder);
                }

                builder.Append('}');
                break;
            case TestValueKind.Extension:
                builder.Append(CultureInfo.InvariantCulture, $"ext({ExtensionType}, {Convert.ToHexString(Bytes)})");
                break;
            default:
                builder.Append(CultureInfo.InvariantCulture, $"ts({Seconds}, {Nanoseconds})");
                break;
        }
    }
}
