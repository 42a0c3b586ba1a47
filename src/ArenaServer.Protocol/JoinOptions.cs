namespace ArenaServer.Protocol;

/// <summary>The Join options the server itself reads (proto/PROTOCOL.md §5.1): the rest of the map is the room's.</summary>
/// <param name="Name">The display name (1–<see cref="MaxNameLength"/> characters, trimmed), or null for a generated one.</param>
/// <param name="Spectate">Join as a spectator: no player seat, no inputs.</param>
/// <param name="Private">Create a new private room (only without a room id): never listed, joinable by its id.</param>
public readonly record struct JoinOptions(string? Name, bool Spectate, bool Private)
{
    /// <summary>The longest display name, in Unicode scalar values: fits a scoreboard row.</summary>
    public const int MaxNameLength = 24;

    /// <summary>The option key of <see cref="Name"/>.</summary>
    public const string NameKey = "name";

    /// <summary>The option key of <see cref="Spectate"/>.</summary>
    public const string SpectateKey = "spectate";

    /// <summary>The option key of <see cref="Private"/>.</summary>
    public const string PrivateKey = "private";
}
