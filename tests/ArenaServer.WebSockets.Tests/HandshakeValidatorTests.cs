namespace ArenaServer.WebSockets.Tests;

public class HandshakeValidatorTests
{
    private const string Valid =
        "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    [Fact]
    public void Validate_Rfc6455Request_NoneWithKeyOriginAndLists()
    {
        HttpRequestHead head = HttpRequestHeadParserTests.ParseSuccess(HttpRequestHeadParserTests.UpgradeRequest);

        HandshakeFailure failure = HandshakeValidator.Validate(head, out HandshakeRequest request);

        Assert.Equal(HandshakeFailure.None, failure);
        Assert.Equal("dGhlIHNhbXBsZSBub25jZQ==", request.Key);
        Assert.Equal(["arena.v1.msgpack", "arena.v1.json"], request.Subprotocols);
        Assert.Equal("http://localhost:8080", request.Origin);
        Assert.Empty(request.Extensions);
        Assert.True(HandshakeValidator.IsUpgradeRequest(head));
    }

    [Fact]
    public void Validate_CaseInsensitiveTokensAndRepeatedLists_None()
    {
        HttpRequestHead head = Parse(
            "GET /ws HTTP/1.1\r\nhost: a\r\nupgrade: WebSocket\r\nconnection: keep-alive,UPGRADE\r\n" +
            "sec-websocket-key: AQIDBAUGBwgJCgsMDQ4PEA==\r\nsec-websocket-version: 13\r\n" +
            "Sec-WebSocket-Protocol: a, , b\r\nSec-WebSocket-Protocol: c\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, x\r\n\r\n");

        Assert.Equal(HandshakeFailure.None, HandshakeValidator.Validate(head, out HandshakeRequest request));
        Assert.Equal(["a", "b", "c"], request.Subprotocols);
        Assert.Equal(["permessage-deflate; client_max_window_bits", "x"], request.Extensions);
        Assert.Null(request.Origin);
    }

    [Theory]
    [InlineData("POST /ws HTTP/1.1\r\n", HandshakeFailure.NotGet, 405)]
    [InlineData("get /ws HTTP/1.1\r\n", HandshakeFailure.NotGet, 405)]
    [InlineData("GET /ws HTTP/1.0\r\n", HandshakeFailure.NotHttp11, 400)]
    public void Validate_BadRequestLine_Fails(string requestLine, HandshakeFailure expected, int status)
    {
        HttpRequestHead head = Parse(requestLine + Valid[(Valid.IndexOf('\n', StringComparison.Ordinal) + 1)..] + "\r\n");

        Assert.Equal(expected, HandshakeValidator.Validate(head, out HandshakeRequest request));
        Assert.Equal(status, HandshakeValidator.StatusCodeFor(expected));
        Assert.Equal(default, request);
    }

    [Theory]
    [InlineData("Host: a\r\n", "", HandshakeFailure.MissingHost)]
    [InlineData("Host: a\r\n", "Host:\r\n", HandshakeFailure.MissingHost)]
    [InlineData("Upgrade: websocket\r\n", "", HandshakeFailure.MissingUpgrade)]
    [InlineData("Upgrade: websocket\r\n", "Upgrade: h2c\r\n", HandshakeFailure.MissingUpgrade)]
    [InlineData("Upgrade: websocket\r\n", "Upgrade: websockets\r\n", HandshakeFailure.MissingUpgrade)]
    [InlineData("Connection: Upgrade\r\n", "", HandshakeFailure.MissingConnectionUpgrade)]
    [InlineData("Connection: Upgrade\r\n", "Connection: keep-alive\r\n", HandshakeFailure.MissingConnectionUpgrade)]
    [InlineData("Connection: Upgrade\r\n", "Connection: Upgraded\r\n", HandshakeFailure.MissingConnectionUpgrade)]
    [InlineData("Sec-WebSocket-Version: 13\r\n", "", HandshakeFailure.MissingVersion)]
    [InlineData("Sec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Version: 13\r\n", HandshakeFailure.UnsupportedVersion)]
    [InlineData("Sec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Version: 8\r\n", HandshakeFailure.UnsupportedVersion)]
    [InlineData("Sec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Version: 13, 8\r\n", HandshakeFailure.UnsupportedVersion)]
    public void Validate_MissingOrWrongHeader_Fails(string remove, string add, HandshakeFailure expected)
    {
        HttpRequestHead head = Parse(Valid.Replace(remove, add, StringComparison.Ordinal) + "\r\n");

        Assert.Equal(expected, HandshakeValidator.Validate(head, out _));
    }

    [Theory, Trait("Category", "Security"), Trait("CWE", "20")]
    [InlineData("")]
    [InlineData("not base64 at all!!!!!!!")]
    [InlineData("dGhlIHNhbXBsZSBub25jZQ")]
    [InlineData("dGhlIHNhbXBsZSBub25jZQ===")]
    [InlineData("dGhlIHNhbXBsZSBub25jZWU=")]
    [InlineData("dGhlIHNhbXBsZSBub25jZWVl")]
    [InlineData("AQIDBAUGBwgJCgsMDQ4PEBES")]
    [InlineData("dGhl IHNhbXBsZSBub25jZQ=")]
    public void Validate_KeyNotBase64Of16Bytes_BadKey(string key)
    {
        HttpRequestHead head = Parse(Valid.Replace("dGhlIHNhbXBsZSBub25jZQ==", key, StringComparison.Ordinal) + "\r\n");

        Assert.Equal(HandshakeFailure.BadKey, HandshakeValidator.Validate(head, out _));
        Assert.Equal(400, HandshakeValidator.StatusCodeFor(HandshakeFailure.BadKey));
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "20")]
    public void Validate_RepeatedKey_BadKey()
    {
        HttpRequestHead head = Parse(Valid + "Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA==\r\n\r\n");

        Assert.Equal(HandshakeFailure.BadKey, HandshakeValidator.Validate(head, out _));
    }

    [Fact]
    public void IsUpgradeRequest_PlainGet_False()
    {
        Assert.False(HandshakeValidator.IsUpgradeRequest(Parse("GET /index.html HTTP/1.1\r\nHost: a\r\n\r\n")));
    }

    [Theory]
    [InlineData(HandshakeFailure.None, 101)]
    [InlineData(HandshakeFailure.NotGet, 405)]
    [InlineData(HandshakeFailure.NotHttp11, 400)]
    [InlineData(HandshakeFailure.MissingHost, 400)]
    [InlineData(HandshakeFailure.MissingUpgrade, 400)]
    [InlineData(HandshakeFailure.MissingConnectionUpgrade, 400)]
    [InlineData(HandshakeFailure.BadKey, 400)]
    [InlineData(HandshakeFailure.UnsupportedVersion, 426)]
    [InlineData(HandshakeFailure.MissingVersion, 400)]
    public void StatusCodeFor_EachFailure_MapsToStatus(HandshakeFailure failure, int expected)
    {
        Assert.Equal(expected, HandshakeValidator.StatusCodeFor(failure));
    }

    [Theory]
    [InlineData("a,b", "b,a", "b")]
    [InlineData("a,b", "c,b", "b")]
    [InlineData("a", "A", null)]
    [InlineData("", "a", null)]
    [InlineData("a", "", null)]
    public void SelectSubprotocol_Offers_ServerPreferenceOrdinal(string offered, string supported, string? expected)
    {
        string[] offers = offered.Split(',', StringSplitOptions.RemoveEmptyEntries);
        string[] ours = supported.Split(',', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(expected, HandshakeValidator.SelectSubprotocol(offers, ours));
    }

    private static HttpRequestHead Parse(string text) => HttpRequestHeadParserTests.ParseSuccess(text);
}
