using System.Diagnostics;
using System.Text;
using ArenaServer.ConformanceTests.Client;
using ArenaServer.ConformanceTests.Infrastructure;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.ConformanceTests;

/// <summary>
/// The opening handshake (RFC 6455 §4.1–§4.4; Autobahn's section 0 is implicit in every case): what a good request
/// gets, and what every malformed, slow or oversized one gets instead of a 101.
/// </summary>
[Collection(EchoServerCollection.Name)]
public sealed class HandshakeTests(EchoServerFixture server)
{
    private const string SampleKey = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455 §1.3

    public static TheoryData<string> BadKeys => new()
    {
        "not base64 at all!",
        "AAECAwQFBgcICQoLDA0O",             // base64 of 15 bytes
        "AAECAwQFBgcICQoLDA0ODxA=",         // base64 of 17 bytes
        "",
    };

    public static TheoryData<string> RequiredHeaders => new()
    {
        "Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
    };

    [Fact]
    [Trait("Rfc6455", "1.3")]
    public async Task Handshake_SampleKeyFromRfc_101WithSampleAccept()
    {
        await using RawWebSocketClient client = await server.ConnectRawAsync("handshake sample key");

        await client.SendAsync(Request(key: SampleKey));
        RawHttpResponse response = await client.ReadHttpResponseHeadAsync();

        Assert.Equal(101, response.StatusCode);
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.Header("Sec-WebSocket-Accept"));
        HandshakeRequest.AssertValidUpgrade(response, SampleKey);
    }

    [Fact]
    [Trait("Rfc6455", "4.2.1")]
    public async Task Handshake_HeaderNamesAndTokensInOtherCase_101AndEcho()
    {
        // Header names are case-insensitive (RFC 9110 §5.1); "websocket" and "Upgrade" are compared likewise.
        await using RawWebSocketClient client = await UpgradeWithHeadAsync("handshake case-insensitive", key =>
            $"GET {server.Path} HTTP/1.1\r\nhost: {server.EndPoint}\r\nUPGRADE: WebSocket\r\n" +
            $"connection: keep-alive, upgrade\r\nsec-websocket-key: {key}\r\nsec-websocket-version: 13\r\n\r\n");

        await client.SendTextAsync("still a WebSocket");
        await client.ExpectTextAsync("still a WebSocket");
        await client.CloseNormallyAsync();
    }

    [Fact]
    [Trait("Rfc6455", "9.1")]
    public async Task Handshake_PerMessageDeflateOffered_NoExtensionNegotiated()
    {
        await using RawWebSocketClient client = await server.ConnectAsync(
            "handshake permessage-deflate offer", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");

        // The validated upgrade already asserts the absence of Sec-WebSocket-Extensions; RSV1 must still fail.
        await client.SendFrameAsync(Opcode.Text, Payloads.Utf8("Hello, world!"), rsv: 4);
        await client.ExpectCloseAsync(1002);
    }

    [Fact]
    [Trait("Rfc6455", "4.2.2")]
    public async Task Handshake_NoSubprotocolOffered_NoneSelected()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("handshake no subprotocol");

        Assert.Null(client.HandshakeResponse!.Header("Sec-WebSocket-Protocol"));
        await client.CloseNormallyAsync();
    }

    [Fact]
    [Trait("Rfc6455", "4.1")]
    public async Task Handshake_UnsupportedSubprotocolsOffered_NoneSelected()
    {
        await using RawWebSocketClient client = await server.ConnectAsync(
            "handshake unknown subprotocols", "Sec-WebSocket-Protocol: chat, superchat");

        // RFC 6455 §4.1: a server may only select a subprotocol the client offered, and /echo speaks none of these.
        Assert.Null(client.HandshakeResponse!.Header("Sec-WebSocket-Protocol"));
        await client.SendTextAsync("Hello, world!");
        await client.ExpectTextAsync("Hello, world!");
        await client.CloseNormallyAsync();
    }

    [Fact]
    [Trait("Rfc6455", "4.2.1")]
    public async Task Handshake_HeaderValuesWithOptionalWhitespace_101()
    {
        // RFC 9110 §5.5: optional whitespace around a field value is not part of it.
        await using RawWebSocketClient client = await UpgradeWithHeadAsync("handshake OWS", key =>
            $"GET {server.Path} HTTP/1.1\r\nHost:{server.EndPoint}\r\nUpgrade: \t websocket \r\n" +
            $"Connection:Upgrade\t\r\nSec-WebSocket-Key:   {key}  \r\nSec-WebSocket-Version: 13 \r\n\r\n");

        await client.CloseNormallyAsync();
    }

    [Fact]
    [Trait("Rfc6455", "4.2.1")]
    public async Task Handshake_AbsoluteFormTarget_101AndEcho()
    {
        // RFC 9112 §3.2.2: a server MUST accept the absolute-form, which clients send to proxies (and some proxies
        // forward as it is); the resource is the path after the authority.
        await using RawWebSocketClient client = await UpgradeWithHeadAsync("handshake absolute-form", key =>
            $"GET http://{server.EndPoint}{server.Path} HTTP/1.1\r\nHost: {server.EndPoint}\r\nUpgrade: websocket\r\n" +
            $"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n");

        await client.SendTextAsync("absolute");
        await client.ExpectTextAsync("absolute");
        await client.CloseNormallyAsync();
    }

    [Fact]
    [Trait("Rfc6455", "11.3.1")]
    public async Task Handshake_DuplicateKeyHeader_400()
    {
        // RFC 6455 §11.3.1: Sec-WebSocket-Key MUST NOT appear more than once; the server cannot know which to answer.
        RawHttpResponse response = await ExchangeAsync(
            "handshake duplicate key", Request(extra: "Sec-WebSocket-Key: AAECAwQFBgcICQoLDA0ODw=="));

        Assert.True(response.StatusCode == 400, $"Expected 400 for two Sec-WebSocket-Key headers, got: {response}");
    }

    [Theory]
    [Trait("Rfc6455", "4.2.1")]
    [MemberData(nameof(BadKeys))]
    public async Task Handshake_BadKey_400(string key)
    {
        RawHttpResponse response = await ExchangeAsync("handshake bad key", Request(key: key));

        Assert.True(response.StatusCode == 400, $"Expected 400 for Sec-WebSocket-Key '{key}', got: {response}");
    }

    [Fact]
    [Trait("Rfc6455", "4.4")]
    public async Task Handshake_Version12_426WithSupportedVersion13()
    {
        RawHttpResponse response = await ExchangeAsync("handshake version 12", Request(version: "12"));

        Assert.True(response.StatusCode == 426, $"Expected 426 Upgrade Required, got: {response}");
        Assert.True(
            response.HasToken("Sec-WebSocket-Version", "13"), $"Expected 'Sec-WebSocket-Version: 13' (RFC 6455 §4.4), got: {response}");
    }

    [Theory]
    [Trait("Rfc6455", "4.2.1")]
    [MemberData(nameof(RequiredHeaders))]
    public async Task Handshake_MissingRequiredHeader_400(string header)
    {
        RawHttpResponse response = await ExchangeAsync($"handshake without {header}", Request(omit: header));

        Assert.True(response.StatusCode == 400, $"Expected 400 without {header}, got: {response}");
    }

    [Theory]
    [Trait("Rfc6455", "4.2.1")]
    [InlineData("Connection", "keep-alive")]
    [InlineData("Upgrade", "h2c")]
    public async Task Handshake_WrongUpgradeOrConnectionValue_400(string header, string value)
    {
        RawHttpResponse response = await ExchangeAsync(
            $"handshake {header}: {value}", Request(omit: header, extra: $"{header}: {value}"));

        Assert.True(response.StatusCode == 400, $"Expected 400 for '{header}: {value}', got: {response}");
    }

    [Fact]
    [Trait("Rfc6455", "4.2.1")]
    public async Task Handshake_PostMethod_405Or400()
    {
        RawHttpResponse response = await ExchangeAsync("handshake POST", Request(method: "POST"));

        Assert.True(response.StatusCode is 405 or 400, $"Expected 405 (or 400) for POST, got: {response}");
    }

    [Fact]
    [Trait("Rfc6455", "4.2.1")]
    public async Task Handshake_Http10_400()
    {
        RawHttpResponse response = await ExchangeAsync("handshake HTTP/1.0", Request(httpVersion: "HTTP/1.0"));

        Assert.True(
            response.StatusCode == 400, $"Expected 400 for HTTP/1.0 (RFC 6455 §4.2.1 requires HTTP/1.1 or higher), got: {response}");
    }

    [Fact]
    [Trait("Rfc6455", "4.2.1")]
    public async Task Handshake_Http20RequestLine_505()
    {
        RawHttpResponse response = await ExchangeAsync("handshake HTTP/2.0", Request(httpVersion: "HTTP/2.0"));

        Assert.True(response.StatusCode == 505, $"Expected 505 HTTP Version Not Supported (RFC 9110 §15.6.6), got: {response}");
    }

    [Fact]
    [Trait("Rfc6455", "4.2.1")]
    public async Task Handshake_BareLineFeeds_400NotTheTimeout()
    {
        // The head never contains CRLFCRLF, so only a check for the bare LF itself answers before HandshakeTimeout.
        byte[] request = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(Request()).Replace("\r\n", "\n", StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();

        RawHttpResponse response = await ExchangeAsync("handshake bare LF", request);

        Assert.True(response.StatusCode == 400, $"Expected 400 for bare LF line endings (RFC 9112 §2.2), got: {response}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The 400 took {clock.Elapsed}: it waited for the handshake timeout.");
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "770")]
    public async Task Handshake_HeadOver16KiB_431()
    {
        string padding = "X-Padding: " + new string('a', 17 * 1024);
        RawHttpResponse response = await ExchangeAsync("handshake oversized head", Request(extra: padding));

        Assert.True(response.StatusCode == 431, $"Expected 431 Request Header Fields Too Large, got: {response}");
    }

    /// <summary>An echo is a free reflector, so <c>/echo</c> exists only when a conformance run asks for it.</summary>
    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "406")]
    public async Task Handshake_EchoNotEnabled_NotUpgraded()
    {
        await using TestArenaServer plain = await TestArenaServer.StartAsync().TimeoutAfter(TimeSpan.FromSeconds(60));
        await using RawWebSocketClient client = await RawWebSocketClient.ConnectRawAsync(plain.EndPoint, "echo disabled");

        await client.SendAsync(Request(path: EchoServerFixture.EchoPath, host: plain.EndPoint.ToString()));
        RawHttpResponse response = await client.ReadHttpResponseHeadAsync();

        Assert.True(response.StatusCode is >= 400 and < 500, $"Expected a 4xx for /echo when it is not enabled, got: {response}");
    }

    /// <summary>Slowloris: half a request head, then silence; the server must drop it at its handshake timeout.</summary>
    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "400")]
    public async Task Handshake_HeadNeverCompleted_DroppedAtHandshakeTimeout()
    {
        await using TestArenaServer slow = await StartWithOneSecondHandshakeTimeoutAsync();
        await using RawWebSocketClient client = await RawWebSocketClient.ConnectRawAsync(slow.EndPoint, "slowloris (silent)");
        var elapsed = Stopwatch.StartNew();

        await client.SendAsync(Encoding.ASCII.GetBytes($"GET {EchoServerFixture.EchoPath} HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        byte[] received = await client.ReadUntilTcpEndAsync();

        // The heartbeat enforces timeouts on a 1 s beat, so the drop comes between 1 and 2 s; 5 s is the bound.
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
        string response = Encoding.ASCII.GetString(received);
        Assert.True(
            received.Length == 0 || response.StartsWith("HTTP/1.1 408", StringComparison.Ordinal),
            $"Expected a silent drop (or 408), got: {response}");
    }

    /// <summary>Slowloris that trickles one byte every 100 ms: the timeout covers the whole head, not the gaps.</summary>
    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "400")]
    public async Task Handshake_HeadTrickledByteByByte_DroppedAtHandshakeTimeout()
    {
        await using TestArenaServer slow = await StartWithOneSecondHandshakeTimeoutAsync();
        await using RawWebSocketClient client = await RawWebSocketClient.ConnectRawAsync(slow.EndPoint, "slowloris (trickle)");
        byte[] head = Request(path: EchoServerFixture.EchoPath, host: slow.EndPoint.ToString());
        using var stopTrickle = new CancellationTokenSource();

        var elapsed = Stopwatch.StartNew();
        Task<byte[]> closed = client.ReadUntilTcpEndAsync();
        Task trickle = TrickleAsync(client, head, stopTrickle.Token);
        byte[] received = await closed.DefaultTimeout();
        await stopTrickle.CancelAsync();
        await trickle.DefaultTimeout();

        Assert.InRange(elapsed.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
        Assert.False(Encoding.ASCII.GetString(received).StartsWith("HTTP/1.1 101", StringComparison.Ordinal));
    }

    private static async Task TrickleAsync(RawWebSocketClient client, byte[] head, CancellationToken cancellationToken)
    {
        // Pacing the attacker, not waiting for a result: the assertion is the server's close, awaited above.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        for (int i = 0; i < head.Length - 2 && !client.SendFailed; i++)
        {
            await client.SendAsync(head.AsMemory(i, 1));
            try
            {
                await timer.WaitForNextTickAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static Task<TestArenaServer> StartWithOneSecondHandshakeTimeoutAsync()
        => TestArenaServer.StartAsync(c =>
        {
            EchoServerFixture.EnableEcho(c);
            c["Arena:Transport:HandshakeTimeout"] = "00:00:01";
        }).TimeoutAfter(TimeSpan.FromSeconds(60));

    /// <summary>Connects, sends the head <paramref name="head"/> builds around a fresh key, and asserts a valid 101.</summary>
    private async Task<RawWebSocketClient> UpgradeWithHeadAsync(string caseId, Func<string, string> head)
    {
        string key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        RawWebSocketClient client = await server.ConnectRawAsync(caseId);
        try
        {
            await client.SendAsync(Encoding.ASCII.GetBytes(head(key)));
            HandshakeRequest.AssertValidUpgrade(await client.ReadHttpResponseHeadAsync(), key);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private async Task<RawHttpResponse> ExchangeAsync(string caseId, byte[] request)
    {
        await using RawWebSocketClient client = await server.ConnectRawAsync(caseId);
        await client.SendAsync(request);
        RawHttpResponse response = await client.ReadHttpResponseHeadAsync();
        Assert.NotEqual(101, response.StatusCode);
        return response;
    }

    private byte[] Request(
        string method = "GET",
        string? path = null,
        string httpVersion = "HTTP/1.1",
        string? host = null,
        string key = SampleKey,
        string version = "13",
        string? omit = null,
        string? extra = null)
    {
        var headers = new List<(string Name, string Value)>
        {
            ("Host", host ?? server.EndPoint.ToString()),
            ("Upgrade", "websocket"),
            ("Connection", "Upgrade"),
            ("Sec-WebSocket-Key", key),
            ("Sec-WebSocket-Version", version),
        };
        headers.RemoveAll(h => h.Name == omit);
        var request = new StringBuilder($"{method} {path ?? server.Path} {httpVersion}\r\n");
        foreach ((string name, string value) in headers)
        {
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (extra is not null)
        {
            request.Append(extra).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(request.Append("\r\n").ToString());
    }
}
