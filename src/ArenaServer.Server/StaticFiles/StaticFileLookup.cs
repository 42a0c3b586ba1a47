namespace ArenaServer.Server.StaticFiles;

/// <summary>A resolved static file: its full path and media type when <see cref="Status"/> is Found.</summary>
internal readonly record struct StaticFileLookup(StaticFileStatus Status, string? FullPath = null, string? ContentType = null, string? Reason = null)
{
    public static StaticFileLookup NotFound(string reason) => new(StaticFileStatus.NotFound, Reason: reason);

    public static StaticFileLookup BadRequest(string reason) => new(StaticFileStatus.BadRequest, Reason: reason);
}
