namespace ArenaServer.Server.Options;

/// <summary>The plain HTTP routes on the game port: configuration section <c>Arena:Http</c>.</summary>
public sealed class HttpOptions
{
    /// <summary>The folder served by <c>GET /</c> and <c>GET /&lt;file&gt;</c>; a relative path is resolved against
    /// <see cref="AppContext.BaseDirectory"/>, not the current directory.</summary>
    /// <remarks>Defaults to <c>wwwroot</c>: the Host build copies the browser client there, so <c>dotnet run</c>
    /// serves it from wherever the build output lives.</remarks>
    public string StaticRoot { get; set; } = "wwwroot";

    /// <summary>The largest request body read from a plain HTTP request, in bytes; larger ones get 413.</summary>
    /// <remarks>Defaults to 64 KiB: no route needs more (publish events are small), and every byte is chosen by the
    /// caller.</remarks>
    public int MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>The largest static file served, in bytes; larger files are answered 404.</summary>
    /// <remarks>Defaults to 8 MiB: files are read whole into memory per request, and the browser bundle is far
    /// smaller.</remarks>
    public long MaxStaticFileSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>The shared secret that callers other than loopback present as <c>Authorization: Bearer &lt;key&gt;</c> for
    /// <c>/metrics</c>, <c>/admin</c> and <c>/admin/rooms</c> (ARCHITECTURE.md §12, admin rule).</summary>
    /// <remarks>Defaults to none: only loopback callers (a scraper or an operator on the machine) may read them, and
    /// everyone else gets 403. When set it must be at least <see cref="MinAdminApiKeyLength"/> characters, because it
    /// guards the whole room list; it is compared in constant time and never logged.</remarks>
    public string? AdminApiKey { get; set; }

    /// <summary>The shortest <see cref="AdminApiKey"/> accepted at startup.</summary>
    public const int MinAdminApiKeyLength = 16;
}
