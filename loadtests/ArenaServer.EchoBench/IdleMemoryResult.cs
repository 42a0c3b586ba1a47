namespace ArenaServer.EchoBench;

/// <summary>One idle-memory run: server RSS before and after N handshaken, idle WebSocket connections.</summary>
internal sealed record IdleMemoryResult(
    string Server,
    int Connections,
    int OpenConnections,
    long RssBeforeBytes,
    long RssAfterBytes,
    double BytesPerConnection,
    int ThreadsBefore,
    int ThreadsAfter,
    double OpenSeconds,
    int FailedConnections,
    string? FirstError,
    double? ManagedBytesPerConnection = null,
    long? RssAfterGcBytes = null,
    int WarmUpConnections = 200)
{
    public string Kind => "idle";
}
