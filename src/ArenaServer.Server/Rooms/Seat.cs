using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Rooms;

/// <summary>A player's place in a room: the player, its current connection and its hashed resume token.</summary>
/// <remarks>Tick thread only.</remarks>
internal sealed class Seat(Player player)
{
    /// <summary>Gets the player.</summary>
    public Player Player { get; } = player;

    /// <summary>Gets or sets the bound connection; null while the seat is held.</summary>
    public IPlayerSink? Sink { get; set; }

    /// <summary>Gets or sets the SHA-256 of the current resume token (hex), or null once used.</summary>
    public string? TokenHash { get; set; }

    /// <summary>Gets or sets the timestamp at which the hold started (valid while held).</summary>
    public long HeldSince { get; set; }

    /// <summary>Gets or sets how long the seat is held.</summary>
    public TimeSpan HoldFor { get; set; }

    /// <summary>Gets or sets whether the next snapshot must be full (after a join or resume).</summary>
    public bool NeedsFullSnapshot { get; set; } = true;

    /// <summary>Gets or sets the inputs taken from this seat in the current tick.</summary>
    public int InputsThisTick { get; set; }

    /// <summary>Gets or sets the highest input sequence taken from the queue (inputs must strictly increase, also
    /// within one tick and across resumes).</summary>
    public uint HighestSequence { get; set; }

    /// <summary>Gets or sets whether the seat still exists (false after release).</summary>
    public bool IsActive { get; set; } = true;
}
