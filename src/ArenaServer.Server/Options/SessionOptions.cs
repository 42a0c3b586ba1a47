namespace ArenaServer.Server.Options;

/// <summary>Game-session timing on the <c>/ws</c> endpoint, bound from the <c>Arena:Transport</c> section (the key
/// lives there with the other connection timeouts, ARCHITECTURE.md §13).</summary>
public sealed class SessionOptions
{
    /// <summary>How long a new connection may take to send Join, Resume or Subscribe; then it closes with 4010.</summary>
    /// <remarks>Defaults to 5 s (proto/PROTOCOL.md §9): ample for a client that connects in order to play, and it stops
    /// idle sockets from holding server memory.</remarks>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
