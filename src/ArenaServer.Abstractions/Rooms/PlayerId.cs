namespace ArenaServer.Abstractions.Rooms;

/// <summary>A player's id within one room: assigned by the room host on join (1, 2, 3, …), kept across resumes.</summary>
/// <param name="Value">The wire value (<c>playerId</c> of Joined and Resumed).</param>
/// <remarks>Strongly typed so it cannot be confused with a connection id or a room id (CONVENTIONS.md §5).</remarks>
/// <example>
/// <code>
/// Ship ship = _ships[input.Player.Id];
/// </code>
/// </example>
public readonly record struct PlayerId(int Value)
{
    /// <summary>The decimal value.</summary>
    /// <returns>The id as text.</returns>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
