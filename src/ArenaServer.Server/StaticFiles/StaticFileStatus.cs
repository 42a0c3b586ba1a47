namespace ArenaServer.Server.StaticFiles;

/// <summary>The outcome of mapping a request path to a file under the static root.</summary>
internal enum StaticFileStatus
{
    /// <summary>A regular file under the root with a known content type.</summary>
    Found,

    /// <summary>No such file, or a path we refuse to map (traversal, hidden, unknown type): 404.</summary>
    NotFound,

    /// <summary>A malformed path (bad percent-encoding, invalid UTF-8, control characters): 400.</summary>
    BadRequest,
}
