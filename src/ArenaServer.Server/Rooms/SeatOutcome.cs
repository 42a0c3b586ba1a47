using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Rooms;

/// <summary>The answer to a join or resume, produced on the room's thread.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Player">The seat's player when joined or resumed.</param>
/// <param name="ResumeToken">The new single-use resume token (joined or resumed); never logged.</param>
/// <param name="TickRate">The room's tick rate.</param>
/// <param name="ServerTick">The room's tick when the seat was bound.</param>
/// <param name="Reason">The rejection reason, if any.</param>
internal sealed record SeatOutcome(SeatStatus Status, Player? Player, string? ResumeToken, int TickRate, long ServerTick,
    string? Reason)
{
    /// <summary>Gets whether a seat is now bound to the connection.</summary>
    public bool IsSeated => Status is SeatStatus.Joined or SeatStatus.Resumed;

    /// <summary>A failure outcome.</summary>
    public static SeatOutcome Fail(SeatStatus status, int tickRate, long serverTick, string? reason = null)
        => new(status, null, null, tickRate, serverTick, reason);
}
