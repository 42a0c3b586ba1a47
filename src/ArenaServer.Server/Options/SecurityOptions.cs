namespace ArenaServer.Server.Options;

/// <summary>Browser-facing checks on the game endpoint: configuration section <c>Arena:Security</c>.</summary>
public sealed class SecurityOptions
{
    /// <summary>The origins (<c>scheme://host[:port]</c>) whose pages may open <c>/ws</c>; <c>"*"</c> allows any.</summary>
    /// <remarks>Defaults to empty, which means same-origin: the <c>Origin</c> header's host and port must equal the
    /// <c>Host</c> header. A request without <c>Origin</c> (a non-browser client) always passes, because the check only
    /// exists to stop cross-site WebSocket hijacking by other pages in a victim's browser (RFC 6455 §10.2).</remarks>
    public IList<string> AllowedOrigins { get; } = [];
}
