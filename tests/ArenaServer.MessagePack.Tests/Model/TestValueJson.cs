using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ArenaServer.MessagePack.Tests.Model;

/// <summary>The lossless typed JSON description that <c>tests/interop/msgpack-cross.mjs</c> understands: bigints as
/// decimal strings, floats as their float64 bits, float32 and float64 told apart, bytes as base64.</summary>
internal static class TestValueJson
{
    public static string ToTypedJson(TestValue value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, TestValue value)
    {
        writer.WriteStartObject();
        switch (value.Kind)
        {
            case TestValueKind.Nil:
                writer.WriteString("t", "nil");
                break;
            case TestValueKind.Boolean:
                writer.WriteString("t", "bool");
                writer.WriteBoolean("v", value.Boolean);
                break;
            case TestValueKind.Integer:
                writer.WriteString("t", "i");
                writer.WriteString("v", value.Integer.ToString(CultureInfo.InvariantCulture));
                break;
            case TestValueKind.Float32:
            case TestValueKind.Float64:
                writer.WriteString("t", value.Kind == TestValueKind.Float32 ? "f32" : "f64");
                writer.WriteString("v", BitConverter.DoubleToInt64Bits(value.Float).ToString("x16", CultureInfo.InvariantCulture));
                break;
            case TestValueKind.String:
                writer.WriteString("t", "s");
                writer.WriteString("v", value.Text);
                break;
            case TestValueKind.Binary:
                writer.WriteString("t", "b");
                writer.WriteBase64String("v", value.Bytes);
                break;
            case TestValueKind.Array:
                writer.WriteString("t", "a");
                writer.WriteStartArray("v");
                foreach (TestValue item in value.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case TestValueKind.Map:
                writer.WriteString("t", "m");
                writer.WriteStartArray("v");
                foreach ((TestValue key, TestValue item) in value.Entries)
                {
                    writer.WriteStartArray();
                    Write(writer, key);
                    Write(writer, item);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                break;
            case TestValueKind.Extension:
                writer.WriteString("t", "x");
                writer.WriteNumber("type", value.ExtensionType);
                writer.WriteBase64String("v", value.Bytes);
                break;
            default:
                writer.WriteString("t", "ts");
                writer.WriteString("sec", value.Seconds.ToString(CultureInfo.InvariantCulture));
                writer.WriteNumber("nsec", value.Nanoseconds);
                break;
        }

        writer.WriteEndObject();
    }
}
