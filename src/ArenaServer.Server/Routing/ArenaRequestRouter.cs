using ArenaServer.Server.Admin;
using ArenaServer.Server.Echo;
using ArenaServer.Server.Game;
using ArenaServer.Server.Options;
using ArenaServer.Server.StaticFiles;
using ArenaServer.Transport;
using ArenaServer.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Routing;

/// <summary>Routes the one request of each connection (ARCHITECTURE.md §12): the WebSocket endpoints, <c>/healthz</c>,
/// <c>/metrics</c>, <c>/admin</c>, <c>/admin/rooms</c>, the lobby listing <c>/api/rooms</c>, and static files.</summary>
/// <remarks>Called concurrently from every connection's read loop; it holds only immutable state.</remarks>
internal sealed class ArenaRequestRouter : IHttpRequestHandler
{
    private const string EchoPath = "/echo";
    private const string GamePath = "/ws";
    private const string HealthPath = "/healthz";

    private static readonly KeyValuePair<string, string>[] s_allowGetHead = [new("Allow", "GET, HEAD")];
    private static readonly KeyValuePair<string, string>[] s_staticHeaders =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("Cache-Control", "no-cache"),
    ];

    private readonly bool _echoEnabled;
    private readonly WebSocketAcceptOptions _echoAccept;
    private readonly EchoWebSocketHandler _echo;
    private readonly GameEndpoint _game;
    private readonly AdminEndpoints _admin;
    private readonly HealthProbe _health;
    private readonly HttpOptions _http;
    private readonly StaticFileResolver _staticFiles;
    private readonly ILogger _logger;

    public ArenaRequestRouter(IOptions<ConformanceOptions> conformance, IOptions<HttpOptions> http, EchoWebSocketHandler echo,
        GameEndpoint game, AdminEndpoints admin, HealthProbe health, ILogger<ArenaRequestRouter> logger)
    {
        _echoEnabled = conformance.Value.EchoEnabled;

        // /echo selects no subprotocol whatever the client offers (RFC 6455 §4.2.2 allows answering none), and has
        // its own message limit because conformance suites send multi-MiB messages.
        _echoAccept = new WebSocketAcceptOptions
        {
            Subprotocol = null,
            MaxMessageSize = conformance.Value.EchoMaxMessageSize,
            PauseReadingWhenBacklogged = true, // every message is answered: a pipelining client is slowed, not closed
        };
        _echo = echo;
        _game = game;
        _admin = admin;
        _health = health;
        _http = http.Value;
        _staticFiles = new StaticFileResolver(_http.StaticRoot);
        _logger = logger;
    }

    /// <summary>The static root's full path.</summary>
    public string StaticRoot => _staticFiles.Root;

    // Not async itself: an /echo connection lives for hours and an async frame here (holding the request head) would
    // stay on the heap with it. The transport releases the head at the upgrade.
    public ValueTask HandleAsync(HttpRequestContext context, CancellationToken cancellationToken)
    {
        if (_echoEnabled && context.Head.Path == EchoPath)
        {
            // Every request to a WebSocket-only endpoint is a handshake attempt: the transport validates it and answers
            // 400 for missing or wrong Upgrade/Connection headers (RFC 6455 §4.2.1), 405 for other methods and 426 for
            // another version (§4.4), so independent conformance suites see the RFC's codes.
            return context.AcceptWebSocketAsync(_echoAccept, _echo, cancellationToken);
        }

        return RouteAndLogAsync(context, cancellationToken);
    }

    private async ValueTask RouteAndLogAsync(HttpRequestContext context, CancellationToken cancellationToken)
    {
        HttpRequestHead head = context.Head;
        string method = head.Method; // kept instead of the head: a /ws connection is awaited here for its lifetime
        string path = head.Path;
        int status = head.Path == GamePath
            ? await _game.HandleAsync(context, cancellationToken).ConfigureAwait(false)
            : await RouteAsync(context, head, cancellationToken).ConfigureAwait(false);
        ServerLog.Answered(_logger, context.ConnectionId.Value, method, path, status);
    }

    private async ValueTask<int> RouteAsync(HttpRequestContext context, HttpRequestHead head, CancellationToken cancellationToken)
    {
        if (context.IsWebSocketRequest)
        {
            return await ErrorAsync(context, 404, "no WebSocket endpoint at this path", cancellationToken).ConfigureAwait(false);
        }

        if (head.IsChunked)
        {
            // CONVENTIONS.md §32: our HTTP is minimal; a body must announce its length (RFC 9110 §15.5.12).
            return await ErrorAsync(context, 411, "a Content-Length is required", cancellationToken).ConfigureAwait(false);
        }

        if (head.ContentLength > 0)
        {
            // Read (and discard) the body first: closing with unread bytes makes the kernel send RST, and the
            // client may then lose the response.
            if (await context.ReadBodyAsync(_http.MaxRequestBodySize, cancellationToken).ConfigureAwait(false) is null)
            {
                return 413;
            }
        }

        bool getOrHead = head.Method is "GET" or "HEAD";
        if (!getOrHead)
        {
            return await ErrorAsync(context, 405, "method not allowed", cancellationToken, s_allowGetHead).ConfigureAwait(false);
        }

        if (head.Path == HealthPath)
        {
            (int status, byte[] body) = _health.Check();
            await context.RespondAsync(status, "application/json", body, null, cancellationToken).ConfigureAwait(false);
            return status;
        }

        if (AdminEndpoints.IsRoute(head.Path))
        {
            return await _admin.HandleAsync(context, cancellationToken).ConfigureAwait(false);
        }

        return await StaticFileAsync(context, head, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<int> StaticFileAsync(HttpRequestContext context, HttpRequestHead head, CancellationToken cancellationToken)
    {
        StaticFileLookup lookup = _staticFiles.Resolve(head.Path);
        if (lookup.Status is not StaticFileStatus.Found)
        {
            ServerLog.StaticPathRefused(_logger, context.ConnectionId.Value, head.Path, lookup.Reason);
            return lookup.Status is StaticFileStatus.BadRequest
                ? await ErrorAsync(context, 400, "malformed request path", cancellationToken).ConfigureAwait(false)
                : await ErrorAsync(context, 404, "not found", cancellationToken).ConfigureAwait(false);
        }

        byte[]? content = await ReadFileAsync(lookup.FullPath!, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return await ErrorAsync(context, 404, "not found", cancellationToken).ConfigureAwait(false);
        }

        await context.RespondAsync(200, lookup.ContentType!, content, s_staticHeaders, cancellationToken).ConfigureAwait(false);
        return 200;
    }

    private async ValueTask<byte[]?> ReadFileAsync(string fullPath, CancellationToken cancellationToken)
    {
        try
        {
            var file = new FileInfo(fullPath);
            if (file.Length > _http.MaxStaticFileSize)
            {
                return null;
            }

            return await File.ReadAllBytesAsync(fullPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ServerLog.StaticFileReadFailed(_logger, fullPath, ex);
            return null;
        }
    }

    private static async ValueTask<int> ErrorAsync(HttpRequestContext context, int status, string message,
        CancellationToken cancellationToken, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        await context.RespondErrorAsync(status, message, headers, cancellationToken).ConfigureAwait(false);
        return status;
    }
}
