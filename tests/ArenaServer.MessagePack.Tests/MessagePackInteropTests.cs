using System.Text;
using System.Text.Json;
using ArenaServer.MessagePack.Tests.Model;
using ArenaServer.Tests;
using FsCheck.Fluent;

namespace ArenaServer.MessagePack.Tests;

/// <summary>Cross-implementation properties against <c>@msgpack/msgpack</c> in Node (CONVENTIONS.md §39): FsCheck
/// generates values of every family, nested; one Node process checks a whole batch over stdin/stdout
/// (<c>tests/interop/msgpack-cross.mjs</c>), so thousands of cases cost a few process starts.</summary>
/// <remarks>Batches are drawn with <c>Gen.Sample</c> rather than run under FsCheck's runner because the peer is
/// awaited, and properties are synchronous; a failure prints the value and its typed description instead of a
/// shrunk counter-example.</remarks>
public sealed class MessagePackInteropTests
{
    private const int Batches = 4;
    private const int BatchSize = 600;

    [Fact]
    public async Task Encode_RandomValues_MsgpackJavascriptDecodesSameValue()
    {
        for (int batch = 0; batch < Batches; batch++)
        {
            TestValue[] values = Gen.Sample(TestValueGenerators.Value, BatchSize);
            var input = new StringBuilder();
            foreach (TestValue value in values)
            {
                input.Append("{\"hex\":\"").Append(Convert.ToHexStringLower(TestValueCodec.Encode(value)))
                    .Append("\",\"value\":").Append(TestValueJson.ToTypedJson(value)).Append("}\n");
            }

            string output = await NodeScript.RunAsync("msgpack-cross.mjs", ["decode"], input.ToString()).DefaultTimeout();
            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(values.Length, lines.Length);
            var failures = new List<string>();
            for (int i = 0; i < lines.Length; i++)
            {
                using JsonDocument result = JsonDocument.Parse(lines[i]);
                if (!result.RootElement.GetProperty("ok").GetBoolean())
                {
                    failures.Add($"{values[i]} -> {Convert.ToHexString(TestValueCodec.Encode(values[i]))}: {result.RootElement.GetProperty("error").GetString()}");
                }
            }

            Assert.True(failures.Count == 0, $"{failures.Count} of {values.Length} failed:\n{string.Join('\n', failures.Take(10))}");
        }
    }

    [Fact]
    public async Task Decode_ValuesEncodedByMsgpackJavascript_YieldSameValue()
    {
        for (int batch = 0; batch < Batches; batch++)
        {
            TestValue[] values = Gen.Sample(TestValueGenerators.Value, BatchSize);
            string input = string.Concat(values.Select(v => TestValueJson.ToTypedJson(v) + "\n"));

            string output = await NodeScript.RunAsync("msgpack-cross.mjs", ["encode"], input).DefaultTimeout();
            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(values.Length, lines.Length);
            var failures = new List<string>();
            for (int i = 0; i < lines.Length; i++)
            {
                using JsonDocument result = JsonDocument.Parse(lines[i]);
                byte[] encoded = Convert.FromHexString(result.RootElement.GetProperty("hex").GetString()!);
                TestValue decoded = TestValueCodec.Decode(encoded);

                // JavaScript has one number type: @msgpack/msgpack writes a whole float as an integer and every
                // other number as float64, so numbers are compared by value.
                if (!TestValue.NumericallyEqual(values[i], decoded))
                {
                    failures.Add($"{values[i]} -> {Convert.ToHexString(encoded)} decoded to {decoded}");
                }

                // Our writer's shortest forms decode the same way, so both encodings are of one value.
                if (!TestValue.ExactlyEqual(values[i], TestValueCodec.Decode(TestValueCodec.Encode(values[i]))))
                {
                    failures.Add($"{values[i]} does not round-trip through our codec");
                }
            }

            Assert.True(failures.Count == 0, $"{failures.Count} of {values.Length} failed:\n{string.Join('\n', failures.Take(10))}");
        }
    }

    [Fact]
    public async Task Decode_Float32EncodedByMsgpackJavascript_YieldsSameValue()
    {
        // forceFloat32 makes the peer write every non-integer number as float32, the width our snapshots use.
        TestValue[] values = Gen.Sample(
            Gen.ArrayOf(TestValueGenerators.Float32, 8).Select(floats => TestValue.Arr(floats.Select(TestValue.F32).ToArray())),
            BatchSize);
        string input = string.Concat(values.Select(v => TestValueJson.ToTypedJson(v) + "\n"));

        string output = await NodeScript.RunAsync("msgpack-cross.mjs", ["encode-float32"], input).DefaultTimeout();
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(values.Length, lines.Length);
        int float32Count = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            using JsonDocument result = JsonDocument.Parse(lines[i]);
            byte[] encoded = Convert.FromHexString(result.RootElement.GetProperty("hex").GetString()!);
            TestValue decoded = TestValueCodec.Decode(encoded);
            Assert.True(TestValue.NumericallyEqual(values[i], decoded), $"{values[i]} -> {Convert.ToHexString(encoded)} decoded to {decoded}");
            float32Count += decoded.Items.Count(item => item.Kind == TestValueKind.Float32);
        }

        // Most values are not whole numbers, so the float32 path really was exercised.
        Assert.True(float32Count > values.Length * 4, $"only {float32Count} float32 values");
    }
}
