using System.Buffers;
using System.Text;
using System.Text.Json;
using ArenaServer.Tests;

namespace ArenaServer.Protocol.Tests;

/// <summary>Every golden vector through the <c>arena.v1.json</c> transcoder, both ways (PROTOCOL.md §3).</summary>
public sealed class JsonTranscoderVectorTests
{
    public static TheoryData<string> AllVectors => GoldenVector.Names();

    [Fact]
    public void Vectors_Loaded_IncludeEveryFileAndArenaInputMove()
    {
        Assert.Contains(GoldenVector.All, v => v.File == "envelopes.json");
        Assert.Contains(GoldenVector.All, v => v.File == "values.json");
        Assert.Equal("9503070501920100", Convert.ToHexStringLower(GoldenVector.Named("arena-input-move").Bytes));
        Assert.Equal(GoldenVector.All.Count, GoldenVector.All.Select(v => v.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void TranscodeToJson_Vector_EqualsVectorJson(string name)
    {
        GoldenVector vector = GoldenVector.Named(name);

        (JsonTranscodeStatus status, string json) = Transcode.ToJson(vector.Bytes);

        Assert.Equal(JsonTranscodeStatus.Success, status);
        using JsonDocument expected = JsonDocument.Parse(vector.Json);
        using JsonDocument actual = JsonDocument.Parse(json);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, actual.RootElement),
            $"{name}: expected {Truncate(vector.Json)} but got {Truncate(json)}");
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void TranscodeToMessagePack_VectorJson_ReproducesHexByteForByte(string name)
    {
        GoldenVector vector = GoldenVector.Named(name);

        (JsonTranscodeStatus status, byte[] bytes) = Transcode.ToMessagePack(vector.Json);

        Assert.Equal(JsonTranscodeStatus.Success, status);
        Assert.Equal(Convert.ToHexStringLower(vector.Bytes), Convert.ToHexStringLower(bytes));
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void RoundTrip_MessagePackToJsonToMessagePack_IsByteIdentical(string name)
    {
        GoldenVector vector = GoldenVector.Named(name);

        (JsonTranscodeStatus toJson, string json) = Transcode.ToJson(vector.Bytes);
        (JsonTranscodeStatus back, byte[] bytes) = Transcode.ToMessagePack(json);

        Assert.Equal(JsonTranscodeStatus.Success, toJson);
        Assert.Equal(JsonTranscodeStatus.Success, back);
        Assert.True(vector.Bytes.AsSpan().SequenceEqual(bytes), $"{name}: round trip changed the bytes");
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void TranscodeToJson_OneBytePerSegment_SameAsContiguous(string name)
    {
        GoldenVector vector = GoldenVector.Named(name);
        if (vector.Bytes.Length > 4096)
        {
            return; // the 64 KiB string is covered by the contiguous tests; one segment per byte would be slow
        }

        (JsonTranscodeStatus status, string json) = Transcode.ToJson(TestSequence.OneBytePerSegment(vector.Bytes));
        (_, string expected) = Transcode.ToJson(vector.Bytes);

        Assert.Equal(JsonTranscodeStatus.Success, status);
        Assert.Equal(expected, json);
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void TranscodeToMessagePack_JsonSplitInTwoSegments_SameBytes(string name)
    {
        GoldenVector vector = GoldenVector.Named(name);
        byte[] utf8 = Encoding.UTF8.GetBytes(vector.Json);
        if (utf8.Length > 2048)
        {
            return;
        }

        for (int cut = 1; cut < utf8.Length; cut++)
        {
            (JsonTranscodeStatus status, byte[] bytes) = Transcode.ToMessagePack(TestSequence.Split(utf8, cut));
            Assert.Equal(JsonTranscodeStatus.Success, status);
            Assert.True(vector.Bytes.AsSpan().SequenceEqual(bytes), $"{name}: split at {cut} changed the bytes");
        }
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void TranscodeToJson_EveryStrictPrefix_NeedMoreData(string name)
    {
        GoldenVector vector = GoldenVector.Named(name);
        if (vector.Bytes.Length > 1024)
        {
            return;
        }

        for (int length = 0; length < vector.Bytes.Length; length++)
        {
            (JsonTranscodeStatus status, _) = Transcode.ToJson(new ReadOnlySequence<byte>(vector.Bytes, 0, length));
            Assert.Equal(JsonTranscodeStatus.NeedMoreData, status);
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
