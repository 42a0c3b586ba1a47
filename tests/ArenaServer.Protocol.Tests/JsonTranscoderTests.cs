using System.Text;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Tests;

/// <summary>Hand-written cases of the <c>arena.v1.json</c> mapping (PROTOCOL.md §3) and hostile inputs.</summary>
public sealed class JsonTranscoderTests
{
    [Theory]
    [InlineData("ca3dcccccd", """{"$f32":0.1}""")]
    [InlineData("ca3fc00000", """{"$f32":1.5}""")]
    [InlineData("cb3fb999999999999a", "0.1")]
    [InlineData("cb3ff0000000000000", """{"$f64":1}""")]
    [InlineData("cb8000000000000000", """{"$f64":"8000000000000000"}""")]
    [InlineData("ca7fc00000", """{"$f32":"7fc00000"}""")]
    [InlineData("cf001fffffffffffff", "9007199254740991")]
    [InlineData("cf0020000000000000", """{"$int":"9007199254740992"}""")]
    [InlineData("d38000000000000000", """{"$int":"-9223372036854775808"}""")]
    [InlineData("a5c3a9e282ac", "\"é€\"")]
    [InlineData("d6ff6955b900", """{"$ts":[1767225600,0]}""")]
    [InlineData("c403000102", """{"$bin":"AAEC"}""")]
    [InlineData("8201a36f6e65fea96d696e75732074776f", """{"$map":[[1,"one"],[-2,"minus two"]]}""")]
    [InlineData("82a16201a16192c3c0", """{"b":1,"a":[true,null]}""")]
    public void TranscodeToJson_Value_WritesCanonicalText(string hex, string json)
    {
        (JsonTranscodeStatus status, string text) = Transcode.ToJson(Convert.FromHexString(hex));

        Assert.Equal(JsonTranscodeStatus.Success, status);
        Assert.Equal(json, text);
    }

    [Theory]
    [InlineData("2", "02")]
    [InlineData("2.0", "02")]
    [InlineData("2e0", "02")]
    [InlineData("-0.0", "00")]
    [InlineData("-0", "00")]
    [InlineData("2.5", "cb4004000000000000")]
    [InlineData("9007199254740993", "cf0020000000000001")] // exact: the server parses integer literals exactly
    [InlineData("18446744073709551615", "cfffffffffffffffff")]
    [InlineData("-9223372036854775808", "d38000000000000000")]
    [InlineData("""{"$f64":2}""", "cb4000000000000000")]
    [InlineData("""{"$f32":"7FC00000"}""", "ca7fc00000")]
    [InlineData("""{"\u0024bin":"AAEC"}""", "c403000102")]
    [InlineData("""{"$bin":"AA\/+"}""", "c403000ffe")]
    [InlineData("""{"$ts":[{"$int":"-9007199254740993"},0]}""", "c70cff00000000ffdfffffffffffff")]
    [InlineData("""{"$ts":[1767225600,123456789]}""", "d7ff1d6f34546955b900")]
    [InlineData("""{"$ext":[-128,""]}""", "c70080")]
    [InlineData("\"a\\u0000b\\\"\\u00e9\"", "a661006222c3a9")]
    [InlineData(" [ 1 , { } ] ", "920180")]
    [InlineData("{}", "80")]
    [InlineData("""{"":1}""", "81a001")]
    public void TranscodeToMessagePack_Value_WritesCanonicalBytes(string json, string hex)
    {
        (JsonTranscodeStatus status, byte[] bytes) = Transcode.ToMessagePack(json);

        Assert.Equal(JsonTranscodeStatus.Success, status);
        Assert.Equal(hex, Convert.ToHexStringLower(bytes));
    }

    [Theory, Trait("Category", "Security"), Trait("CWE", "20")]
    [InlineData("", JsonTranscodeStatus.InvalidJson)]
    [InlineData("   ", JsonTranscodeStatus.InvalidJson)]
    [InlineData("[1,", JsonTranscodeStatus.InvalidJson)]
    [InlineData("[1,]", JsonTranscodeStatus.InvalidJson)]
    [InlineData("[1] // comment", JsonTranscodeStatus.InvalidJson)]
    [InlineData("1 2", JsonTranscodeStatus.InvalidJson)]
    [InlineData("NaN", JsonTranscodeStatus.InvalidJson)]
    [InlineData("'a'", JsonTranscodeStatus.InvalidJson)]
    [InlineData("{\"a\":}", JsonTranscodeStatus.InvalidJson)]
    [InlineData("""{"$foo":1}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$bin":"AAEC","x":1}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"a":1,"$bin":"AAEC"}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$bin":"@@@@"}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$bin":"AAE"}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$bin":1}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$int":"01"}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$int":"-0"}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$int":"1e3"}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$int":5}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$int":"18446744073709551616"}""", JsonTranscodeStatus.Overflow)]
    [InlineData("""{"$int":"-9223372036854775809"}""", JsonTranscodeStatus.Overflow)]
    [InlineData("""{"$f32":1e39}""", JsonTranscodeStatus.Overflow)]
    [InlineData("""{"$f32":"7fc0"}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$f64":"7ff800000000000g"}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$f64":true}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$ts":[0,1000000000]}""", JsonTranscodeStatus.Overflow)]
    [InlineData("""{"$ts":[0,-1]}""", JsonTranscodeStatus.Overflow)]
    [InlineData("""{"$ts":[0]}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$ts":[0,0,0]}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$ext":[128,""]}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$ext":[1]}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$ext":[1,"AA==",2]}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$map":[[1]]}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$map":[[1,2,3]]}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$map":[1]}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("""{"$map":{}}""", JsonTranscodeStatus.InvalidTag)]
    [InlineData("1e400", JsonTranscodeStatus.Overflow)]
    [InlineData("-1e400", JsonTranscodeStatus.Overflow)]
    [InlineData("1e300", JsonTranscodeStatus.Overflow)]
    [InlineData("18446744073709551616", JsonTranscodeStatus.Overflow)]
    [InlineData("-9223372036854775809", JsonTranscodeStatus.Overflow)]
    [InlineData("\"\\ud800\"", JsonTranscodeStatus.InvalidUtf8)]
    [InlineData("\"\\udc00\\ud800\"", JsonTranscodeStatus.InvalidUtf8)]
    public void TranscodeToMessagePack_HostileJson_Classified(string json, JsonTranscodeStatus expected)
    {
        (JsonTranscodeStatus status, _) = Transcode.ToMessagePack(json);

        Assert.Equal(expected, status);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "20")]
    public void TranscodeToMessagePack_IllFormedUtf8InStringsAndNames_InvalidUtf8()
    {
        byte[] value = [(byte)'"', 0xc3, 0x28, (byte)'"'];
        byte[] escapedValue = [(byte)'"', (byte)'\\', (byte)'n', 0xed, 0xa0, 0x80, (byte)'"'];
        byte[] name = [(byte)'{', (byte)'"', 0xff, (byte)'"', (byte)':', (byte)'1', (byte)'}'];

        Assert.Equal(JsonTranscodeStatus.InvalidUtf8, Transcode.ToMessagePack(new System.Buffers.ReadOnlySequence<byte>(value)).Status);
        Assert.Equal(JsonTranscodeStatus.InvalidUtf8, Transcode.ToMessagePack(new System.Buffers.ReadOnlySequence<byte>(escapedValue)).Status);
        Assert.Equal(JsonTranscodeStatus.InvalidUtf8, Transcode.ToMessagePack(new System.Buffers.ReadOnlySequence<byte>(name)).Status);
    }

    [Theory, Trait("Category", "Security"), Trait("CWE", "20")]
    [InlineData("", JsonTranscodeStatus.NeedMoreData)]
    [InlineData("c1", JsonTranscodeStatus.InvalidMessagePack)]
    [InlineData("91c1", JsonTranscodeStatus.InvalidMessagePack)]
    [InlineData("0000", JsonTranscodeStatus.TrailingData)]
    [InlineData("a2c328", JsonTranscodeStatus.InvalidUtf8)]
    [InlineData("81a2c32801", JsonTranscodeStatus.InvalidUtf8)]
    [InlineData("ddffffffff", JsonTranscodeStatus.LengthExceeded)]
    [InlineData("dc0005", JsonTranscodeStatus.NeedMoreData)]
    public void TranscodeToJson_HostileMessagePack_Classified(string hex, JsonTranscodeStatus expected)
    {
        (JsonTranscodeStatus status, _) = Transcode.ToJson(Convert.FromHexString(hex));

        Assert.Equal(expected, status);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "674")]
    public void Transcode_NestingAtAndBeyondMaxDepth_DepthExceededBothWays()
    {
        string atLimit = new string('[', 32) + new string(']', 32);
        string beyond = new string('[', 33) + new string(']', 33);
        byte[] msgpackBeyond = Convert.FromHexString(string.Concat(Enumerable.Repeat("91", 32)) + "90");

        Assert.Equal(JsonTranscodeStatus.Success, Transcode.ToMessagePack(atLimit).Status);
        Assert.Equal(JsonTranscodeStatus.DepthExceeded, Transcode.ToMessagePack(beyond).Status);
        Assert.Equal(JsonTranscodeStatus.DepthExceeded, Transcode.ToJson(msgpackBeyond).Status);
        Assert.Equal(JsonTranscodeStatus.DepthExceeded, Transcode.ToMessagePack(Nest("""{"$map":[[1,""", "]]}", 33)).Status);
        Assert.Equal(JsonTranscodeStatus.Success, Transcode.ToMessagePack(Nest("""{"$map":[[1,""", "]]}", 31)).Status);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "674")]
    public void Transcode_HundredThousandNestedArrays_DepthExceededWithoutStackOverflow()
    {
        string json = new string('[', 100_000) + new string(']', 100_000);
        byte[] msgpack = Convert.FromHexString(string.Concat(Enumerable.Repeat("91", 100_000)) + "90");

        Assert.Equal(JsonTranscodeStatus.DepthExceeded, Transcode.ToMessagePack(json).Status);
        Assert.Equal(JsonTranscodeStatus.DepthExceeded, Transcode.ToJson(msgpack).Status);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public void Transcode_CollectionsBeyondMaxLength_LengthExceededBothWays()
    {
        string array = "[" + string.Join(',', Enumerable.Repeat("0", 4097)) + "]";
        string obj = "{" + string.Join(',', Enumerable.Range(0, 4097).Select(i => $"\"k{i}\":0")) + "}";
        string entries = """{"$map":[""" + string.Join(',', Enumerable.Range(0, 4097).Select(i => $"[{i},0]")) + "]}";
        byte[] msgpackMap = Convert.FromHexString("de1001" + string.Concat(Enumerable.Repeat("0000", 4097)));

        Assert.Equal(JsonTranscodeStatus.Success, Transcode.ToMessagePack("[" + string.Join(',', Enumerable.Repeat("0", 4096)) + "]").Status);
        Assert.Equal(JsonTranscodeStatus.LengthExceeded, Transcode.ToMessagePack(array).Status);
        Assert.Equal(JsonTranscodeStatus.LengthExceeded, Transcode.ToMessagePack(obj).Status);
        Assert.Equal(JsonTranscodeStatus.LengthExceeded, Transcode.ToMessagePack(entries).Status);
        Assert.Equal(JsonTranscodeStatus.LengthExceeded, Transcode.ToJson(msgpackMap).Status);
    }

    [Fact]
    public void Transcode_CustomLimits_Applied()
    {
        var options = new MessagePackReaderOptions { MaxDepth = 2, MaxCollectionLength = 3 };

        Assert.Equal(JsonTranscodeStatus.Success, Transcode.ToMessagePack("[[1,2,3]]", options).Status);
        Assert.Equal(JsonTranscodeStatus.DepthExceeded, Transcode.ToMessagePack("[[[1]]]", options).Status);
        Assert.Equal(JsonTranscodeStatus.LengthExceeded, Transcode.ToMessagePack("[1,2,3,4]", options).Status);
        Assert.Equal(JsonTranscodeStatus.DepthExceeded, Transcode.ToJson(Convert.FromHexString("91919101"), options).Status);
    }

    [Fact]
    public void TranscodeToJson_LargeMultiSegmentString_CopiedWhole()
    {
        string text = new('x', 100_000);
        byte[] msgpack = Convert.FromHexString("db000186a0" + Convert.ToHexString(Encoding.ASCII.GetBytes(text)));

        (JsonTranscodeStatus status, string json) = Transcode.ToJson(ArenaServer.Tests.TestSequence.Split(msgpack, 50_000));

        Assert.Equal(JsonTranscodeStatus.Success, status);
        Assert.Equal("\"" + text + "\"", json);
    }

    [Fact]
    public void TranscodeToJson_ReusedOnOneThread_DoesNotLeakPreviousOutput()
    {
        Assert.Equal(JsonTranscodeStatus.InvalidMessagePack, Transcode.ToJson(Convert.FromHexString("9201c1")).Status);

        (JsonTranscodeStatus status, string json) = Transcode.ToJson(Convert.FromHexString("9102"));

        Assert.Equal(JsonTranscodeStatus.Success, status);
        Assert.Equal("[2]", json);
    }

    private static string Nest(string open, string close, int depth)
        => string.Concat(Enumerable.Repeat(open, depth)) + "0" + string.Concat(Enumerable.Repeat(close, depth));
}
