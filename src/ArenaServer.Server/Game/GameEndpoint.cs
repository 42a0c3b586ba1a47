using ArenaServer.Protocol;
using ArenaServer.Server.Hosting;
using ArenaServer.Server.Options;
using ArenaServer.Transport;
using ArenaServer.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Game;

/// <summary>The <c>/ws</c> upgrade: the checks of ARCHITECTURE.md §7.4 in order (RFC headers 400, Origin 403,
/// subprotocol 400, authentication 401), then the accepted connection runs under <see cref="GameWebSocketHandler"/>.</summary>
/// <remarks>Called concurrently from every connection's read loop; it holds only immutable state.</remarks>
internal sealed class GameEndpoint
{
    private static readonly WebSocketAcceptOptions s_messagePack = new() { Subprotocol = Subprotocols.MessagePack };
    private static readonly WebSocketAcceptOptions s_json = new() { Subprotocol = Subprotocols.Json };

    private readonly GameWebSocketHandler _handler;
    private readonly string[] _allowedOrigins;
    private readonly bool _anyOrigin;
    private readonly bool _allowAnonymous;
    private readonly ArenaServerLifecycle _lifecycle;
    private readonly ILogger _logger;

    public GameEndpoint(GameWebSocketHandler handler, IOptions<SecurityOptions> security, IOptions<AuthOptions> auth,
        ArenaServerLifecycle lifecycle, ILogger<GameEndpoint> logger)
    {
        _handler = handler;
        _lifecycle = lifecycle;
        _allowedOrigins = [.. security.Value.AllowedOrigins.Where(origin => origin != "*").Select(origin => origin.TrimEnd('/'))];
        _anyOrigin = security.Value.AllowedOrigins.Contains("*");
        _allowAnonymous = auth.Value.AllowAnonymous;
        _logger = logger;
    }

    /// <summary>Answers the request, or upgrades it and runs the connection until it closes.</summary>
    /// <returns>The HTTP status sent (101 for an upgrade).</returns>
    public async ValueTask<int> HandleAsync(HttpRequestContext context, CancellationToken cancellationToken)
    {
        if (context.WebSocketHandshake is not { } handshake)
        {
            // Not a valid RFC 6455 handshake: the transport answers 400, 405 or 426 itself (§4.2.1, §4.4).
            await context.AcceptWebSocketAsync(s_messagePack, _handler, cancellationToken).ConfigureAwait(false);
            return 400;
        }

        if (_lifecycle.IsDraining)
        {
            // Rooms are closing for a shutdown: a new player would only be seated to be sent away again.
            return await RefuseAsync(context, 503, "server shutting down", cancellationToken).ConfigureAwait(false);
        }

        if (!IsOriginAllowed(handshake.Origin, context))
        {
            return await RefuseAsync(context, 403, "origin not allowed", cancellationToken).ConfigureAwait(false);
        }

        WebSocketAcceptOptions? accept = SelectSubprotocol(handshake.Subprotocols);
        if (accept is null)
        {
            return await RefuseAsync(context, 400, "offer the arena.v1.msgpack or arena.v1.json subprotocol",
                cancellationToken).ConfigureAwait(false);
        }

        if (!_allowAnonymous)
        {
            return await RefuseAsync(context, 401,
                "authentication required: token authentication is not available yet and Arena:Auth:AllowAnonymous is false",
                cancellationToken).ConfigureAwait(false);
        }

        await context.AcceptWebSocketAsync(accept, _handler, cancellationToken).ConfigureAwait(false);
        return 101;
    }

    /// <summary>Picks <c>arena.v1.msgpack</c> over <c>arena.v1.json</c>; an <c>arena.auth.</c> entry is never chosen,
    /// so it is never echoed (proto/PROTOCOL.md §2).</summary>
    internal static WebSocketAcceptOptions? SelectSubprotocol(IReadOnlyList<string> offered)
    {
        bool json = false;
        foreach (string name in offered)
        {
            if (name == Subprotocols.MessagePack)
            {
                return s_messagePack;
            }

            json |= name == Subprotocols.Json;
        }

        return json ? s_json : null;
    }

    // RFC 6455 §10.2: the Origin check stops other sites' pages from using a visitor's browser against us; clients
    // that are not browsers send no Origin and pass.
    private bool IsOriginAllowed(string? origin, HttpRequestContext context)
    {
        if (origin is null || _anyOrigin)
        {
            return true;
        }

        string trimmed = origin.TrimEnd('/');
        foreach (string allowed in _allowedOrigins)
        {
            if (string.Equals(allowed, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return _allowedOrigins.Length == 0 && IsSameOrigin(trimmed, context);
    }

    private static bool IsSameOrigin(string origin, HttpRequestContext context)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out Uri? originUri) || string.IsNullOrEmpty(originUri.Host) ||
            !context.Head.TryGetHeader("Host", out string host) ||
            !Uri.TryCreate((context.IsTls ? "https://" : "http://") + host, UriKind.Absolute, out Uri? hostUri))
        {
            return false;
        }

        // Uri fills in the scheme's default port on both sides, so "example.com" equals "http://example.com:80".
        return string.Equals(originUri.IdnHost, hostUri.IdnHost, StringComparison.OrdinalIgnoreCase) &&
               originUri.Port == hostUri.Port;
    }

    private async ValueTask<int> RefuseAsync(HttpRequestContext context, int status, string message, CancellationToken cancellationToken)
    {
        GameLog.UpgradeRefused(_logger, context.ConnectionId.Value, status, message);
        _handler.Rooms.Metrics?.UpgradeRefused(status);
        await context.RespondErrorAsync(status, message, cancellationToken: cancellationToken).ConfigureAwait(false);
        return status;
    }
}
