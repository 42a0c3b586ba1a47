namespace ArenaServer.Abstractions.Rooms;

/// <summary>A join attempt as <see cref="Room{TInput, TOutput}.OnJoining"/> sees it, before a seat exists.</summary>
/// <param name="Name">The requested display name.</param>
/// <param name="Claims">The authenticated identity's claims; empty for anonymous clients.</param>
/// <param name="Options">The Join envelope's <c>options</c>: one encoded MessagePack value, or empty.</param>
/// <param name="AsSpectator">Whether the client asks to watch rather than play.</param>
/// <example>
/// <code>
/// public override JoinResult OnJoining(JoinRequest request)
///     => request.Claims.ContainsKey("banned") ? JoinResult.Reject("banned") : JoinResult.Accept();
/// </code>
/// </example>
public sealed record JoinRequest(string Name, IReadOnlyDictionary<string, string> Claims, ReadOnlyMemory<byte> Options,
    bool AsSpectator = false)
{
    /// <summary>A request with no claims and no options (anonymous, as in development and tests).</summary>
    /// <param name="name">The display name.</param>
    /// <returns>The request.</returns>
    public static JoinRequest Anonymous(string name) => new(name, EmptyClaims, ReadOnlyMemory<byte>.Empty);

    /// <summary>An empty, shared claim set.</summary>
    public static IReadOnlyDictionary<string, string> EmptyClaims { get; } = new Dictionary<string, string>();
}
