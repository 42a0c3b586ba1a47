using System.Buffers;
using System.Text;
using System.Text.Json;
using ArenaServer.Tests;

namespace ArenaServer.Protocol.Tests;

/// <summary>Random canonical values: MessagePack → JSON → MessagePack is the identity, and the JavaScript
/// implementation (client-web/src/protocol.js on @msgpack/msgpack) produces the same JSON form and bytes.</summary>
public sealed class JsonTranscoderPropertyTests
{
    [Fact]
    public void RoundTrip_RandomValues_ByteIdentical()
    {
        var values = new RandomValues(seed: 6455);
        for (int i = 0; i < 3000; i++)
        {
            byte[] bytes = values.Next();
            (JsonTranscodeStatus toJson, string json) = Transcode.ToJson(bytes);
            (JsonTranscodeStatus back, byte[] again) = Transcode.ToMessagePack(json);

            Assert.True(toJson == JsonTranscodeStatus.Success, $"#{i} {Convert.ToHexStringLower(bytes)}: {toJson}");
            Assert.True(back == JsonTranscodeStatus.Success, $"#{i} {json}: {back}");
            Assert.True(bytes.AsSpan().SequenceEqual(again), $"#{i} {Convert.ToHexStringLower(bytes)} → {json} → {Convert.ToHexStringLower(again)}");
        }
    }

    [Fact]
    public async Task JavaScriptImplementation_RandomValues_AgreesWithCSharp()
    {
        Assert.True(Directory.Exists(Path.Combine(RepositoryPaths.ClientWeb, "node_modules", "@msgpack", "msgpack")),
            "client-web/node_modules is missing: run `npm ci --prefix client-web` (a step of .ci/run).");
        var values = new RandomValues(seed: 8259);
        byte[][] inputs = [.. Enumerable.Range(0, 400).Select(_ => values.Next(4))];
        string stdin = string.Join('\n', inputs.Select(Convert.ToHexStringLower)) + "\n";

        string stdout = await NodeScript.RunAsync("protocol-json-form.mjs", stdin: stdin, timeout: TimeSpan.FromSeconds(60));

        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(inputs.Length, lines.Length);
        for (int i = 0; i < inputs.Length; i++)
        {
            using JsonDocument result = JsonDocument.Parse(lines[i]);
            Assert.False(result.RootElement.TryGetProperty("error", out JsonElement error), $"#{i}: {error}");
            (_, string csharpJson) = Transcode.ToJson(inputs[i]);
            using JsonDocument expected = JsonDocument.Parse(csharpJson);
            Assert.True(JsonElement.DeepEquals(expected.RootElement, result.RootElement.GetProperty("json")),
                $"#{i} {Convert.ToHexStringLower(inputs[i])}: C# {csharpJson} vs JS {result.RootElement.GetProperty("json").GetRawText()}");
            Assert.Equal(Convert.ToHexStringLower(inputs[i]), result.RootElement.GetProperty("hex").GetString());
        }
    }

    [Fact]
    public void TranscodeToMessagePack_RandomJsonSplits_SameBytes()
    {
        var values = new RandomValues(seed: 4648);
        var random = new Random(1);
        for (int i = 0; i < 300; i++)
        {
            byte[] bytes = values.Next(3);
            (_, string json) = Transcode.ToJson(bytes);
            byte[] utf8 = Encoding.UTF8.GetBytes(json);
            if (utf8.Length < 2)
            {
                continue;
            }

            int cut = random.Next(1, utf8.Length);
            (JsonTranscodeStatus status, byte[] again) = Transcode.ToMessagePack(TestSequence.Split(utf8, cut));
            Assert.Equal(JsonTranscodeStatus.Success, status);
            Assert.True(bytes.AsSpan().SequenceEqual(again), $"#{i} cut {cut}: {json}");
        }
    }
}
