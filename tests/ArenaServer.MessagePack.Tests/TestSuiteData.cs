using System.Globalization;
using System.Numerics;
using System.Text.Json;
using ArenaServer.MessagePack.Tests.Model;
using ArenaServer.Tests;

namespace ArenaServer.MessagePack.Tests;

/// <summary>Loads the <c>msgpack-test-suite</c> npm data set (kawanet/msgpack-test-suite <c>dist/msgpack-test-suite.json</c>):
/// groups of cases, each naming its value under a type key (<c>nil</c>, <c>bool</c>, <c>binary</c>, <c>number</c>,
/// <c>bignum</c>, <c>string</c>, <c>array</c>, <c>map</c>, <c>timestamp</c>, <c>ext</c>) and listing every valid
/// encoding as dash-separated hex, the canonical one first.</summary>
internal static class TestSuiteData
{
    private static readonly Lazy<JsonDocument> s_document = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(
        RepositoryPaths.Interop, "node_modules", "msgpack-test-suite", "dist", "msgpack-test-suite.json"))));

    /// <summary>(group name, index in group) for xunit; resolved with <see cref="Load"/>.</summary>
    public static TheoryData<string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (JsonProperty group in s_document.Value.RootElement.EnumerateObject())
            {
                for (int i = 0; i < group.Value.GetArrayLength(); i++)
                {
                    data.Add(group.Name, i);
                }
            }

            return data;
        }
    }

    public static (TestValue Value, byte[][] Encodings) Load(string group, int index)
    {
        JsonElement testCase = s_document.Value.RootElement.GetProperty(group)[index];
        byte[][] encodings = testCase.GetProperty("msgpack").EnumerateArray()
            .Select(hex => Convert.FromHexString(hex.GetString()!.Replace("-", "", StringComparison.Ordinal)))
            .ToArray();
        return (ValueOf(testCase), encodings);
    }

    private static TestValue ValueOf(JsonElement testCase)
    {
        if (testCase.TryGetProperty("bignum", out JsonElement bignum))
        {
            return TestValue.Int((Int128)BigInteger.Parse(bignum.GetString()!, CultureInfo.InvariantCulture));
        }

        foreach (JsonProperty property in testCase.EnumerateObject())
        {
            switch (property.Name)
            {
                case "nil":
                    return TestValue.Nil;
                case "bool":
                    return TestValue.Bool(property.Value.GetBoolean());
                case "binary":
                    return TestValue.Bin(Convert.FromHexString(property.Value.GetString()!.Replace("-", "", StringComparison.Ordinal)));
                case "timestamp":
                    return TestValue.Timestamp(property.Value[0].GetInt64(), property.Value[1].GetUInt32());
                case "ext":
                    return TestValue.Ext((sbyte)property.Value[0].GetInt32(),
                        Convert.FromHexString(property.Value[1].GetString()!.Replace("-", "", StringComparison.Ordinal)));
                case "number":
                case "string":
                case "array":
                case "map":
                    return FromJson(property.Value);
            }
        }

        throw new InvalidOperationException($"unknown test-suite case {testCase}");
    }

    /// <summary>Maps plain JSON to a value. A JSON number becomes the narrowest C# type that holds it exactly (an
    /// integer, else float32 when lossless, else float64), which is the type a C# caller would hand the writer.</summary>
    private static TestValue FromJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number when json.TryGetInt64(out long integer) => TestValue.Int(integer),
        JsonValueKind.Number when (float)json.GetDouble() == json.GetDouble() => TestValue.F32((float)json.GetDouble()),
        JsonValueKind.Number => TestValue.F64(json.GetDouble()),
        JsonValueKind.String => TestValue.Str(json.GetString()!),
        JsonValueKind.Array => TestValue.Arr(json.EnumerateArray().Select(FromJson).ToArray()),
        JsonValueKind.Object => TestValue.Map(json.EnumerateObject()
            .Select(p => (TestValue.Str(p.Name), FromJson(p.Value))).ToArray()),
        _ => throw new InvalidOperationException($"unexpected JSON {json}"),
    };
}
