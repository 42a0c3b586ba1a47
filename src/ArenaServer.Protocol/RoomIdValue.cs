namespace ArenaServer.Protocol;

/// <summary>A room id as it travels on the wire: a string, an integer, or absent (nil or omitted).</summary>
/// <param name="Text">The id when it is a string; otherwise <see langword="null"/>.</param>
/// <param name="Number">The id when it is an integer (<see cref="Text"/> is then null and <see cref="IsPresent"/> true).</param>
/// <param name="IsPresent">Whether an id was given at all.</param>
public readonly record struct RoomIdValue(string? Text, long Number, bool IsPresent)
{
    /// <summary>No room id: Join then means "any room of this type".</summary>
    public static RoomIdValue None => default;

    /// <summary>Whether the id is a string.</summary>
    public bool IsText => Text is not null;

    /// <summary>A string id.</summary>
    /// <param name="text">The id.</param>
    /// <returns>The wire value.</returns>
    public static RoomIdValue FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RoomIdValue(text, 0, true);
    }

    /// <summary>An integer id.</summary>
    /// <param name="number">The id.</param>
    /// <returns>The wire value.</returns>
    public static RoomIdValue FromNumber(long number) => new(null, number, true);

    /// <summary>The id as text (integers in invariant decimal), or an empty string when absent.</summary>
    /// <returns>The display form.</returns>
    public override string ToString()
        => Text ?? (IsPresent ? Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
}
