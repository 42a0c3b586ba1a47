using System.Text;
using ArenaServer.Server.Tests.StaticFiles;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.Server.Tests.Routing;

public sealed class ArenaRequestRouterTests : IAsyncLifetime
{
    private const string UpgradeHeaders =
        "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    private readonly TempStaticRoot _root = new();
    private TestArenaServer _server = null!;

    public async Task InitializeAsync()
        => _server = await TestArenaServer.StartAsync(c =>
        {
            c["Arena:Http:StaticRoot"] = _root.Root;
            c["Arena:Http:MaxRequestBodySize"] = "1024";
        }).DefaultTimeout();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync().AsTask().DefaultTimeout();
        _root.Dispose();
    }

    [Fact]
    public async Task Get_Root_ServesIndexHtml()
    {
        RawHttpResponse response = await GetAsync("/");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Headers["Content-Type"]);
        Assert.Equal("nosniff", response.Headers["X-Content-Type-Options"]);
        Assert.Equal(TempStaticRoot.IndexHtml, response.BodyText);
    }

    [Theory]
    [InlineData("/app.js", "text/javascript; charset=utf-8")]
    [InlineData("/style.css", "text/css; charset=utf-8")]
    [InlineData("/data.json", "application/json")]
    [InlineData("/img.png", "image/png")]
    [InlineData("/sub/", "text/html; charset=utf-8")]
    public async Task Get_StaticFile_FixedContentType(string path, string contentType)
    {
        RawHttpResponse response = await GetAsync(path);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(contentType, response.Headers["Content-Type"]);
        Assert.NotEmpty(response.Body);
    }

    [Fact]
    public async Task Head_Root_LengthWithoutBody()
    {
        RawHttpResponse response = await SendAsync("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetByteCount(TempStaticRoot.IndexHtml).ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.Headers["Content-Length"]);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task Get_Healthz_OkJson()
    {
        RawHttpResponse response = await GetAsync("/healthz");

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("""{"status":"ok"}""", response.BodyText);
    }

    [Theory]
    [InlineData("/missing.html")]
    [InlineData("/unknown.xyz")]
    [InlineData("/.env")]
    [InlineData("/echo")]       // off by default, so not even a route
    [InlineData("/anything")]
    public async Task Get_UnknownPath_NotFound(string path)
    {
        RawHttpResponse response = await GetAsync(path);

        Assert.Equal(404, response.StatusCode);
        Assert.DoesNotContain(TempStaticRoot.Secret, response.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/")]
    [InlineData("PUT", "/index.html")]
    [InlineData("DELETE", "/healthz")]
    [InlineData("OPTIONS", "/")]
    public async Task NonGetMethod_MethodNotAllowedWithAllow(string method, string path)
    {
        RawHttpResponse response = await SendAsync($"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n", "abc"u8.ToArray());

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("GET, HEAD", response.Headers["Allow"]);
    }

    [Fact]
    public async Task Post_ChunkedBody_LengthRequired()
    {
        RawHttpResponse response = await SendAsync(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", "3\r\nabc\r\n0\r\n\r\n"u8.ToArray());

        Assert.Equal(411, response.StatusCode);
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "770")]
    public async Task Post_BodyOverLimit_PayloadTooLarge()
    {
        RawHttpResponse response = await SendAsync("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n", new byte[5000]);

        Assert.Equal(413, response.StatusCode);
    }

    [Fact]
    public async Task Get_GameEndpointWithoutUpgrade_BadRequest()
    {
        RawHttpResponse plain = await GetAsync("/ws");

        Assert.Equal(400, plain.StatusCode);
    }

    [Fact]
    public async Task Upgrade_GameEndpointWithoutArenaSubprotocol_BadRequest()
    {
        RawHttpResponse none = await SendAsync($"GET /ws HTTP/1.1\r\nHost: x\r\n{UpgradeHeaders}\r\n");
        RawHttpResponse other = await SendAsync($"GET /ws HTTP/1.1\r\nHost: x\r\n{UpgradeHeaders}Sec-WebSocket-Protocol: chat, arena.auth.abc\r\n\r\n");

        Assert.Equal(400, none.StatusCode);
        Assert.Contains("arena.v1.msgpack", none.BodyText, StringComparison.Ordinal);
        Assert.Equal(400, other.StatusCode);
    }

    [Fact]
    public async Task Upgrade_GameEndpointBothSubprotocolsAndAuthEntry_SelectsMessagePackOnly()
    {
        RawHttpResponse response = await RawHttpResponse.SendForHeadAsync(_server.EndPoint,
            $"GET /ws HTTP/1.1\r\nHost: x\r\n{UpgradeHeaders}Sec-WebSocket-Protocol: arena.auth.tok, arena.v1.json, arena.v1.msgpack\r\n\r\n");

        Assert.Equal(101, response.StatusCode);
        Assert.Equal("arena.v1.msgpack", response.Headers["Sec-WebSocket-Protocol"]);
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "306")]
    public async Task Upgrade_GameEndpointAnonymousNotAllowed_Unauthorized()
    {
        await using TestArenaServer closed = await TestArenaServer.StartAsync(c => c["Arena:Auth:AllowAnonymous"] = "false").DefaultTimeout();

        RawHttpResponse response = await RawHttpResponse.SendAsync(closed.EndPoint,
            $"GET /ws HTTP/1.1\r\nHost: x\r\n{UpgradeHeaders}Sec-WebSocket-Protocol: arena.v1.msgpack\r\n\r\n");

        Assert.Equal(401, response.StatusCode);
        Assert.Contains("AllowAnonymous", response.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Security")]
    [Trait("CWE", "1385")]
    [InlineData("https://game.example", 101)]
    [InlineData("https://game.example/", 101)]
    [InlineData("http://game.example", 403)]
    [InlineData("http://x", 403)]
    public async Task Upgrade_GameEndpointAllowedOriginsConfigured_OnlyThoseOrigins(string origin, int expected)
    {
        await using TestArenaServer server = await TestArenaServer.StartAsync(
            c => c["Arena:Security:AllowedOrigins:0"] = "https://game.example").DefaultTimeout();

        RawHttpResponse response = await RawHttpResponse.SendForHeadAsync(server.EndPoint,
            $"GET /ws HTTP/1.1\r\nHost: x\r\n{UpgradeHeaders}Origin: {origin}\r\nSec-WebSocket-Protocol: arena.v1.msgpack\r\n\r\n");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Start_AllowedOriginNotAnOrigin_FailsNamingTheKey()
    {
        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => TestArenaServer.StartAsync(c => c["Arena:Security:AllowedOrigins:0"] = "game.example")).DefaultTimeout();

        Assert.Contains("Arena:Security:AllowedOrigins:0", failure.Message, StringComparison.Ordinal);
    }

    [Trait("Category", "Security")]
    [Trait("CWE", "1385")]
    [Theory]
    [InlineData("http://evil.example", 403)]
    [InlineData("http://x:81", 403)]
    [InlineData("http://x", 101)]
    [InlineData("http://X:80", 101)]
    public async Task Upgrade_GameEndpointOrigin_SameOriginOnlyByDefault(string origin, int expected)
    {
        RawHttpResponse response = await RawHttpResponse.SendForHeadAsync(_server.EndPoint,
            $"GET /ws HTTP/1.1\r\nHost: x\r\n{UpgradeHeaders}Origin: {origin}\r\nSec-WebSocket-Protocol: arena.v1.json\r\n\r\n");

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/echo")] // disabled by default
    [InlineData("/index.html")]
    public async Task Upgrade_NonWebSocketRoute_NotFound(string path)
    {
        RawHttpResponse response = await SendAsync($"GET {path} HTTP/1.1\r\nHost: x\r\n{UpgradeHeaders}\r\n");

        Assert.Equal(404, response.StatusCode);
    }

    [Fact]
    public async Task Get_HealthzWithQuery_Ok()
    {
        RawHttpResponse response = await GetAsync("/healthz?probe=1");

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task Head_Healthz_OkWithoutBody()
    {
        RawHttpResponse response = await SendAsync("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("15", response.Headers["Content-Length"]);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task Upgrade_EchoEnabledWithSubprotocolOffer_SwitchesWithoutSubprotocol()
    {
        await using TestArenaServer echo = await TestArenaServer.StartAsync(c => c["Arena:Conformance:EchoEnabled"] = "true").DefaultTimeout();

        RawHttpResponse response = await RawHttpResponse.SendForHeadAsync(echo.EndPoint,
            $"GET /echo HTTP/1.1\r\nHost: x\r\n{UpgradeHeaders}Sec-WebSocket-Protocol: arena.v1.msgpack, chat\r\n\r\n");

        Assert.Equal(101, response.StatusCode);
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.Headers["Sec-WebSocket-Accept"]); // RFC 6455 §1.3
        Assert.False(response.Headers.ContainsKey("Sec-WebSocket-Protocol"));
    }

    [Fact]
    public async Task Get_EchoEnabledWithoutUpgrade_BadRequestPerRfc6455()
    {
        await using TestArenaServer echo = await TestArenaServer.StartAsync(c => c["Arena:Conformance:EchoEnabled"] = "true").DefaultTimeout();

        RawHttpResponse response = await RawHttpResponse.SendAsync(echo.EndPoint, "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");

        // RFC 6455 §4.2.1: a handshake without the Upgrade header is answered 400; 426 is for another version (§4.4).
        Assert.Equal(400, response.StatusCode);
        Assert.False(response.Headers.ContainsKey("Sec-WebSocket-Accept"));
    }

    [Theory]
    [Trait("Category", "Security")]
    [Trait("CWE", "22")]
    [InlineData("/../secret.txt")]
    [InlineData("/../www2/secret.txt")]
    [InlineData("/sub/../../secret.txt")]
    [InlineData("/%2e%2e/secret.txt")]
    [InlineData("/%2e%2e%2fsecret.txt")]
    [InlineData("/..%5csecret.txt")]
    [InlineData("/..\\secret.txt")]
    [InlineData("//secret.txt")]
    [InlineData("/%2F..%2Fsecret.txt")]
    [InlineData("/%c0%ae%c0%ae/secret.txt")]
    [InlineData("/secret.txt%00.html")]
    [InlineData("/link.txt")]
    [InlineData("/linked-dir/secret.txt")]
    [InlineData("/.env")]
    public async Task Get_TraversalAttempt_NeverServesOutsideRoot(string target)
    {
        RawHttpResponse response = await GetAsync(target);

        Assert.Contains(response.StatusCode, new[] { 400, 404 });
        Assert.DoesNotContain(TempStaticRoot.Secret, response.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "22")]
    public async Task Get_AbsoluteFormTarget_NeverServesFileSystemPath()
    {
        RawHttpResponse response = await SendAsync($"GET http://x{_root.Parent}/secret.txt HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Contains(response.StatusCode, new[] { 400, 404 });
        Assert.DoesNotContain(TempStaticRoot.Secret, response.BodyText, StringComparison.Ordinal);
    }

    private Task<RawHttpResponse> GetAsync(string target) => SendAsync($"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n");

    private Task<RawHttpResponse> SendAsync(string head, byte[]? body = null) => RawHttpResponse.SendAsync(_server.EndPoint, head, body);
}
