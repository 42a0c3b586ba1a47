namespace ArenaServer.Server.StaticFiles;

/// <summary>Maps a request path to a file under the static root, refusing anything that could leave it
/// (CWE-22).</summary>
/// <remarks>Two independent fences, as in ASP.NET Core's static files: the decoded path is checked segment by segment
/// (no <c>.</c>, <c>..</c>, empty or hidden segments, no backslash, colon or control characters), and the resolved full
/// path must still start with the root's full path. A symbolic link (the file or a folder on its way) whose final target
/// lies outside the root is refused too. Thread-safe: it holds no mutable state.</remarks>
internal sealed class StaticFileResolver
{
    private const string IndexFile = "index.html";

    private readonly string _rootPrefix;

    public StaticFileResolver(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, root));
        _rootPrefix = Path.EndsInDirectorySeparator(Root) ? Root : Root + Path.DirectorySeparatorChar;
    }

    /// <summary>The root folder's full path.</summary>
    public string Root { get; }

    /// <summary>Resolves <paramref name="rawPath"/> (the request path, still percent-encoded, without the query).</summary>
    public StaticFileLookup Resolve(string rawPath)
    {
        if (!RequestPathDecoder.TryDecode(rawPath, out string path))
        {
            return StaticFileLookup.BadRequest("malformed path");
        }

        foreach (char c in path)
        {
            if (char.IsControl(c))
            {
                return StaticFileLookup.BadRequest("control character in path");
            }
        }

        string[] segments = path.Split('/');
        for (int i = 1; i < segments.Length; i++)
        {
            string segment = segments[i];
            bool isLast = i == segments.Length - 1;
            if ((segment.Length == 0 && !isLast) || !IsAllowedSegment(segment))
            {
                return StaticFileLookup.NotFound("refused path segment");
            }
        }

        string relative = string.Join(Path.DirectorySeparatorChar, segments, 1, segments.Length - 1);
        if (segments[^1].Length == 0)
        {
            relative += IndexFile;
        }

        string fullPath = Path.GetFullPath(Path.Join(Root, relative));
        if (!fullPath.StartsWith(_rootPrefix, StringComparison.Ordinal))
        {
            return StaticFileLookup.NotFound("outside the root");
        }

        return Lookup(fullPath);
    }

    private StaticFileLookup Lookup(string fullPath)
    {
        var file = new FileInfo(fullPath);
        if (!file.Exists)
        {
            return StaticFileLookup.NotFound("no such file");
        }

        if (EscapesThroughLink(file))
        {
            return StaticFileLookup.NotFound("link leaves the root");
        }

        return StaticFileContentTypes.TryGet(fullPath, out string contentType)
            ? new StaticFileLookup(StaticFileStatus.Found, fullPath, contentType)
            : StaticFileLookup.NotFound("unknown content type");
    }

    // The file itself, or any folder between it and the root, may be a symbolic link; each one's final target must
    // stay under the root (CWE-59), whatever the lexical path says.
    private bool EscapesThroughLink(FileInfo file)
    {
        for (FileSystemInfo? entry = file; entry is not null && entry.FullName.Length > _rootPrefix.Length; entry = Parent(entry))
        {
            if (entry.LinkTarget is null)
            {
                continue;
            }

            FileSystemInfo? target = entry.ResolveLinkTarget(returnFinalTarget: true);
            string? targetPath = target is null ? null : Path.GetFullPath(target.FullName);
            if (targetPath is null || !(targetPath + Path.DirectorySeparatorChar).StartsWith(_rootPrefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static DirectoryInfo? Parent(FileSystemInfo entry)
        => entry is FileInfo file ? file.Directory : ((DirectoryInfo)entry).Parent;

    private static bool IsAllowedSegment(string segment)
    {
        if (segment.Length == 0)
        {
            return true;
        }

        // "." and ".." are traversal; other dot-names are hidden files (.git, .env) that are never published.
        // A backslash is a separator on Windows and ':' names drives and alternate streams: never part of a file name here.
        return segment[0] != '.'
            && !segment.Contains('\\', StringComparison.Ordinal)
            && !segment.Contains(':', StringComparison.Ordinal);
    }
}
