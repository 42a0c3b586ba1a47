using System.Buffers;
using System.Net;
using System.Text;
using ArenaServer.Tests;

namespace ArenaServer.WebSockets.Tests;

public class HttpRequestHeadParserTests
{
    private const int MaxHead = 8192;

    internal const string UpgradeRequest =
        "GET /ws?room=7 HTTP/1.1\r\n" +
        "Host: localhost:8080\r\n" +
        "Upgrade: websocket\r\n" +
        "Connection: keep-alive, Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
        "Sec-WebSocket-Version: 13\r\n" +
        "Sec-WebSocket-Protocol: arena.v1.msgpack, arena.v1.json\r\n" +
        "Origin: http://localhost:8080\r\n" +
        "\r\n";

    public static TheoryData<string> ValidHeads => new()
    {
        UpgradeRequest,
        "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /index.html HTTP/1.0\r\n\r\n",
        "HEAD /x HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Spaces:   padded value \t\r\n\r\n",
        "POST /api HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n",
        "POST /api HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "GET /caf%C3%A9 HTTP/1.1\r\nHost: a\r\nX-Latin: caf\u00e9\r\n\r\n",
    };

    public static TheoryData<string> InvalidHeads => new()
    {
        " GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET  / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET / HTTP/1.1 \r\nHost: a\r\n\r\n",
        "GET / HTTP/11\r\nHost: a\r\n\r\n",
        "GET / HTTPS/1.1\r\nHost: a\r\n\r\n",
        "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET\r\nHost: a\r\n\r\n",
        "G@T / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET / HTTP/1.1\r\nHost : a\r\n\r\n",
        "GET / HTTP/1.1\r\n: a\r\n\r\n",
        "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
        "\u0016\u0003\u0001\u0002\u0000",
    };

    [Theory]
    [MemberData(nameof(ValidHeads))]
    public void TryParse_EveryStrictPrefix_NeedMoreDataAndConsumesNothing(string text)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(text);
        for (int length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            HttpParseResult result = HttpRequestHeadParser.TryParse(buffer, MaxHead, out HttpRequestHead? head, out SequencePosition consumed);
            Assert.Equal(HttpParseResult.NeedMoreData, result);
            Assert.Null(head);
            Assert.Equal(buffer.Start, consumed);
        }
    }

    [Theory]
    [MemberData(nameof(ValidHeads))]
    public void TryParse_EveryTwoSegmentSplit_ParsesLikeWhole(string text)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(text);
        HttpRequestHead whole = ParseSuccess(new ReadOnlySequence<byte>(bytes), bytes.Length);
        for (int cut = 1; cut < bytes.Length; cut++)
        {
            AssertSameHead(whole, ParseSuccess(TestSequence.Split(bytes, cut), bytes.Length));
        }

        AssertSameHead(whole, ParseSuccess(TestSequence.OneBytePerSegment(bytes), bytes.Length));
    }

    [Theory]
    [MemberData(nameof(InvalidHeads))]
    public void TryParse_MalformedHead_Invalid(string text) => AssertRejected(text, HttpParseResult.Invalid);

    [Fact]
    public void TryParse_UpgradeRequest_ExposesRequestLineAndHeaders()
    {
        byte[] bytes = Encoding.ASCII.GetBytes(UpgradeRequest + "\x81\x80trailing");
        HttpParseResult result = HttpRequestHeadParser.TryParse(new ReadOnlySequence<byte>(bytes), MaxHead, out HttpRequestHead? head, out SequencePosition consumed);

        Assert.Equal(HttpParseResult.Success, result);
        Assert.NotNull(head);
        Assert.Equal("GET", head.Method);
        Assert.Equal("/ws?room=7", head.Target);
        Assert.Equal("/ws", head.Path);
        Assert.Equal("?room=7", head.Query);
        Assert.Equal(HttpVersion.Version11, head.Version);
        Assert.Equal(7, head.Headers.Count);
        Assert.True(head.TryGetHeader("sec-websocket-key", out string key));
        Assert.Equal("dGhlIHNhbXBsZSBub25jZQ==", key);
        Assert.False(head.TryGetHeader("Cookie", out string missing));
        Assert.Equal(string.Empty, missing);
        Assert.Null(head.ContentLength);
        Assert.False(head.IsChunked);
        Assert.Equal(UpgradeRequest.Length, new ReadOnlySequence<byte>(bytes).Slice(0, consumed).Length);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\nHost: a\n\n")]
    [InlineData("GET / HTTP/1.1\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n\n")]
    public void TryParse_BareLineFeed_InvalidAtOnce(string text)
    {
        // Without CRLFCRLF the head never completes: a bare LF must fail when it arrives, in any segmentation, or its
        // sender waits for the handshake timeout instead of getting a 400.
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        ReadOnlySequence<byte>[] shapes =
            [new ReadOnlySequence<byte>(bytes), TestSequence.OneBytePerSegment(bytes), TestSequence.Split(bytes, bytes.Length - 1)];
        foreach (ReadOnlySequence<byte> buffer in shapes)
        {
            HttpParseResult result = HttpRequestHeadParser.TryParse(buffer, MaxHead, out HttpRequestHead? head, out SequencePosition consumed);

            Assert.Equal(HttpParseResult.Invalid, result);
            Assert.Null(head);
            Assert.Equal(buffer.Start, consumed);
        }
    }

    [Theory]
    [InlineData("GET / HTTP/2.0\r\nHost: a\r\n\r\n")]
    [InlineData("GET / HTTP/0.9\r\nHost: a\r\n\r\n")]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")] // the HTTP/2 connection preface (RFC 9113 §3.4)
    public void TryParse_MajorVersionOtherThanOne_VersionNotSupported(string text)
        => AssertRejected(text, HttpParseResult.VersionNotSupported);

    [Fact]
    public void TryParse_HigherMinorVersion_ReadAsHttp11()
    {
        // RFC 9110 §2.5: a higher minor version is treated as the highest minor version the recipient conforms to.
        HttpRequestHead head = ParseSuccess("GET / HTTP/1.2\r\nHost: a\r\n\r\n");

        Assert.Equal(HttpVersion.Version11, head.Version);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/echo?x=1", "/echo", "?x=1")]
    [InlineData("HTTPS://example.com/ws", "/ws", "")]
    [InlineData("http://example.com", "/", "")]
    [InlineData("http://example.com?room=7", "/", "?room=7")]
    [InlineData("/http://not-absolute/echo", "/http://not-absolute/echo", "")]
    [InlineData("ftp://example.com/echo", "ftp://example.com/echo", "")]
    [InlineData("*", "*", "")]
    public void TryParse_TargetForms_PathAndQueryFromTheOriginForm(string target, string path, string query)
    {
        HttpRequestHead head = ParseSuccess($"GET {target} HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.Equal(target, head.Target);
        Assert.Equal(path, head.Path);
        Assert.Equal(query, head.Query);
    }

    [Fact]
    public void TryParse_RepeatedHeader_GetHeaderValuesReturnsAllInOrder()
    {
        HttpRequestHead head = ParseSuccess("GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\nx-a: 2\r\nX-B: 3\r\n\r\n");

        Assert.Equal(["1", "2"], head.GetHeaderValues("X-A"));
        Assert.Empty(head.GetHeaderValues("X-C"));
        Assert.True(head.TryGetHeader("X-A", out string first));
        Assert.Equal("1", first);
    }

    [Fact]
    public void TryParse_ValueWithSurroundingWhitespace_Trimmed()
    {
        HttpRequestHead head = ParseSuccess("GET / HTTP/1.1\r\nHost: \t a b \t\r\n\r\n");

        Assert.True(head.TryGetHeader("Host", out string host));
        Assert.Equal("a b", host);
    }

    [Fact]
    public void TryParse_ContentLengthAndChunked_Reported()
    {
        HttpRequestHead withLength = ParseSuccess("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 42, 42\r\n\r\n");
        HttpRequestHead chunked = ParseSuccess("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n");

        Assert.Equal(42, withLength.ContentLength);
        Assert.False(withLength.IsChunked);
        Assert.Null(chunked.ContentLength);
        Assert.True(chunked.IsChunked);
    }

    [Fact]
    public void TryParse_Http10_VersionReported()
    {
        HttpRequestHead head = ParseSuccess("GET / HTTP/1.0\r\n\r\n");

        Assert.Equal(HttpVersion.Version10, head.Version);
        Assert.Empty(head.Headers);
        Assert.Equal(string.Empty, head.Query);
    }

    [Fact]
    public void TryParse_HeadExactlyAtCap_Success()
    {
        string text = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
        byte[] bytes = Encoding.ASCII.GetBytes(text + "GET");

        HttpParseResult result = HttpRequestHeadParser.TryParse(new ReadOnlySequence<byte>(bytes), text.Length, out HttpRequestHead? head, out _);

        Assert.Equal(HttpParseResult.Success, result);
        Assert.NotNull(head);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public void TryParse_HeadOneByteOverCap_TooLarge()
    {
        string text = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
        byte[] bytes = Encoding.ASCII.GetBytes(text);

        HttpParseResult result = HttpRequestHeadParser.TryParse(new ReadOnlySequence<byte>(bytes), text.Length - 1, out HttpRequestHead? head, out SequencePosition consumed);

        Assert.Equal(HttpParseResult.TooLarge, result);
        Assert.Null(head);
        Assert.Equal(0, consumed.GetInteger());
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public void TryParse_EndlessHeaderWithoutTerminator_TooLargeAsSoonAsCapExceeded()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nX-Flood: " + new string('a', 200));
        const int Cap = 100;
        for (int length = 1; length <= bytes.Length; length++)
        {
            HttpParseResult result = HttpRequestHeadParser.TryParse(TestSequence.Split(bytes[..length], length / 2), Cap, out _, out _);
            Assert.Equal(length > Cap ? HttpParseResult.TooLarge : HttpParseResult.NeedMoreData, result);
        }
    }

    [Theory, Trait("Category", "Security"), Trait("CWE", "113")]
    [InlineData("X-Injected: a\rb")]
    [InlineData("X-Injected: a\nb")]
    [InlineData("X-Injected: a\0b")]
    [InlineData("X-Injected: a\u007fb")]
    [InlineData("X-Injected: a\u0001b")]
    [InlineData("Host\n: a")]
    [InlineData("Host\0: a")]
    public void TryParse_ControlCharacterInHeader_Invalid(string line)
    {
        byte[] bytes = Encoding.Latin1.GetBytes("GET / HTTP/1.1\r\nHost: a\r\n" + line + "\r\n\r\n");

        HttpParseResult result = HttpRequestHeadParser.TryParse(new ReadOnlySequence<byte>(bytes), MaxHead, out HttpRequestHead? head, out _);

        Assert.Equal(HttpParseResult.Invalid, result);
        Assert.Null(head);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "444")]
    public void TryParse_ContentLengthWithTransferEncoding_Invalid()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n");

        Assert.Equal(HttpParseResult.Invalid, HttpRequestHeadParser.TryParse(new ReadOnlySequence<byte>(bytes), MaxHead, out _, out _));
    }

    [Fact]
    public void TryParse_EmptyBuffer_NeedMoreData()
    {
        HttpParseResult result = HttpRequestHeadParser.TryParse(ReadOnlySequence<byte>.Empty, MaxHead, out HttpRequestHead? head, out _);

        Assert.Equal(HttpParseResult.NeedMoreData, result);
        Assert.Null(head);
    }

    internal static HttpRequestHead ParseSuccess(string text)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(text);
        return ParseSuccess(new ReadOnlySequence<byte>(bytes), bytes.Length);
    }

    private static void AssertRejected(string text, HttpParseResult expected)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(text);
        HttpParseResult result = HttpRequestHeadParser.TryParse(new ReadOnlySequence<byte>(bytes), MaxHead, out HttpRequestHead? head, out _);
        Assert.Equal(expected, result);
        Assert.Null(head);
    }

    private static HttpRequestHead ParseSuccess(ReadOnlySequence<byte> buffer, int expectedConsumed)
    {
        HttpParseResult result = HttpRequestHeadParser.TryParse(buffer, MaxHead, out HttpRequestHead? head, out SequencePosition consumed);
        Assert.Equal(HttpParseResult.Success, result);
        Assert.NotNull(head);
        Assert.Equal(expectedConsumed, buffer.Slice(0, consumed).Length);
        return head;
    }

    private static void AssertSameHead(HttpRequestHead expected, HttpRequestHead actual)
    {
        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.Target, actual.Target);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Headers, actual.Headers);
        Assert.Equal(expected.ContentLength, actual.ContentLength);
        Assert.Equal(expected.IsChunked, actual.IsChunked);
    }
}
