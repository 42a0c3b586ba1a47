using System.Collections.Frozen;

namespace ArenaServer.Server.StaticFiles;

/// <summary>The fixed extension-to-media-type map for static files (ARCHITECTURE.md §12).</summary>
/// <remarks>Unknown extensions are not served at all, as ASP.NET Core's static files do by default: guessing a type
/// (or sending <c>application/octet-stream</c>) would let a stray file in the root be downloaded or sniffed.</remarks>
internal static class StaticFileContentTypes
{
    private static readonly FrozenDictionary<string, string> s_map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".htm"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json",
        [".map"] = "application/json",
        [".txt"] = "text/plain; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".ico"] = "image/x-icon",
        [".wasm"] = "application/wasm",
        [".woff"] = "font/woff",
        [".woff2"] = "font/woff2",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Looks up the media type for <paramref name="path"/>'s extension.</summary>
    public static bool TryGet(string path, out string contentType)
        => s_map.TryGetValue(Path.GetExtension(path), out contentType!);
}
