using ArenaServer.Server.Metrics;
using ArenaServer.Server.Options;
using ArenaServer.Server.Rooms;
using ArenaServer.Transport;
using ArenaServer.WebSockets;
using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Admin;

/// <summary>The operator and lobby routes (ARCHITECTURE.md §12, §14): <c>/metrics</c>, <c>/admin</c> and
/// <c>/admin/rooms</c> under the admin rule, and the public lobby listing <c>/api/rooms?type=…</c>.</summary>
/// <remarks>Called concurrently from read loops; holds only immutable state. Room data comes only from the
/// <see cref="RoomInfo"/> records rooms publish; no handler touches room state.</remarks>
internal sealed class AdminEndpoints
{
    /// <summary>The Prometheus scrape path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The admin page path.</summary>
    public const string AdminPath = "/admin";

    /// <summary>The admin room list path.</summary>
    public const string AdminRoomsPath = "/admin/rooms";

    /// <summary>The public lobby listing path.</summary>
    public const string LobbyPath = "/api/rooms";

    private const string JsonContentType = "application/json; charset=utf-8";

    private static readonly KeyValuePair<string, string>[] s_noStore = [new("Cache-Control", "no-store")];
    private static readonly KeyValuePair<string, string>[] s_bearerChallenge = [new("WWW-Authenticate", "Bearer")];
    private static readonly KeyValuePair<string, string>[] s_pageHeaders =
    [
        new("Cache-Control", "no-store"),
        new("X-Content-Type-Options", "nosniff"),

        // The page loads nothing from elsewhere; say so, and keep it out of frames.
        new("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'"),
    ];

    private readonly MetricsCollector _metrics;
    private readonly RoomManager _rooms;
    private readonly AdminAuthorizer _authorizer;

    public AdminEndpoints(MetricsCollector metrics, RoomManager rooms, IOptions<HttpOptions> http)
    {
        _metrics = metrics;
        _rooms = rooms;
        _authorizer = new AdminAuthorizer(http.Value.AdminApiKey);
    }

    /// <summary>Gets whether <paramref name="path"/> is one of these routes.</summary>
    public static bool IsRoute(string path) => path is MetricsPath or AdminPath or AdminRoomsPath or LobbyPath;

    /// <summary>Answers a GET or HEAD request to one of these routes.</summary>
    /// <returns>The status sent.</returns>
    public async ValueTask<int> HandleAsync(HttpRequestContext context, CancellationToken cancellationToken)
    {
        HttpRequestHead head = context.Head;
        if (head.Path == LobbyPath)
        {
            return await LobbyAsync(context, head, cancellationToken).ConfigureAwait(false);
        }

        head.TryGetHeader("Authorization", out string authorization);
        switch (_authorizer.Check(context.RemoteEndPoint, string.IsNullOrEmpty(authorization) ? null : authorization))
        {
            case AdminAccess.Forbidden:
                return await ErrorAsync(context, 403, "admin routes are loopback-only unless Arena:Http:AdminApiKey is set",
                    null, cancellationToken).ConfigureAwait(false);
            case AdminAccess.Unauthorized:
                return await ErrorAsync(context, 401, "a valid bearer key is required", s_bearerChallenge, cancellationToken)
                    .ConfigureAwait(false);
        }

        (string contentType, byte[] body, KeyValuePair<string, string>[] headers) = head.Path switch
        {
            MetricsPath => (PrometheusTextWriter.ContentType, _metrics.Scrape(), s_noStore),
            AdminRoomsPath => (JsonContentType, RoomListingJson.WriteAdmin(_rooms.AllInfos(), node: null), s_noStore),
            _ => ("text/html; charset=utf-8", AdminPage.Html.ToArray(), s_pageHeaders),
        };
        await context.RespondAsync(200, contentType, body, headers, cancellationToken).ConfigureAwait(false);
        return 200;
    }

    private async ValueTask<int> LobbyAsync(HttpRequestContext context, HttpRequestHead head, CancellationToken cancellationToken)
    {
        string? roomType = GetQueryValue(head.Query, "type");
        if (string.IsNullOrEmpty(roomType))
        {
            return await ErrorAsync(context, 400, "the type query parameter is required, e.g. /api/rooms?type=arena", null,
                cancellationToken).ConfigureAwait(false);
        }

        if (!_rooms.IsRegistered(roomType))
        {
            return await ErrorAsync(context, 404, "unknown room type", null, cancellationToken).ConfigureAwait(false);
        }

        byte[] body = RoomListingJson.WriteLobby(_rooms.List(roomType));
        await context.RespondAsync(200, JsonContentType, body, s_noStore, cancellationToken).ConfigureAwait(false);
        return 200;
    }

    /// <summary>Gets the first value of <paramref name="name"/> in a query (<c>?a=1&amp;b=2</c>), percent-decoded
    /// (RFC 3986 §3.4), or null when absent or malformed.</summary>
    internal static string? GetQueryValue(string query, string name)
    {
        ReadOnlySpan<char> rest = query.AsSpan().TrimStart('?');
        while (!rest.IsEmpty)
        {
            int amp = rest.IndexOf('&');
            ReadOnlySpan<char> pair = amp < 0 ? rest : rest[..amp];
            rest = amp < 0 ? [] : rest[(amp + 1)..];
            int eq = pair.IndexOf('=');
            ReadOnlySpan<char> key = eq < 0 ? pair : pair[..eq];
            if (key.SequenceEqual(name))
            {
                string raw = eq < 0 ? string.Empty : pair[(eq + 1)..].ToString().Replace('+', ' ');
                try
                {
                    return Uri.UnescapeDataString(raw);
                }
                catch (UriFormatException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    private static async ValueTask<int> ErrorAsync(HttpRequestContext context, int status, string message,
        KeyValuePair<string, string>[]? headers, CancellationToken cancellationToken)
    {
        await context.RespondErrorAsync(status, message, headers, cancellationToken).ConfigureAwait(false);
        return status;
    }
}
