namespace ArenaServer.Abstractions.Rooms;

/// <summary>A room's id, unique on the server (and in the cluster directory).</summary>
/// <param name="Value">The id as sent on the wire (the <c>roomId</c> of Join and Joined).</param>
/// <example>
/// <code>
/// Context.Logger.LogInformation("Round over in {RoomId}", Context.Id);
/// </code>
/// </example>
public readonly record struct RoomId(string Value)
{
    /// <summary>The id text.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value ?? string.Empty;
}
