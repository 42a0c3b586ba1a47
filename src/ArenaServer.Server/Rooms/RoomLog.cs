using ArenaServer.Abstractions.Rooms;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Server.Rooms;

/// <summary>The room engine's log messages (event ids 400–419; CONVENTIONS.md §33).</summary>
internal static partial class RoomLog
{
    [LoggerMessage(400, LogLevel.Error, "Room {RoomId} hook {Hook} threw at tick {Tick}; applying {Policy}.")]
    public static partial void HookFailed(ILogger logger, RoomId roomId, long tick, RoomHook hook, RoomErrorPolicy policy, Exception exception);

    [LoggerMessage(401, LogLevel.Warning, "Room {RoomId} fell behind at tick {Tick}: {Skipped} ticks skipped ({TotalSkipped} in total).")]
    public static partial void TicksSkipped(ILogger logger, RoomId roomId, long tick, long skipped, long totalSkipped);

    [LoggerMessage(402, LogLevel.Warning, "Room {RoomId} dropped inputs at tick {Tick}: {QueueDrops} for a full queue, {PerTickDrops} over the per-tick cap (totals).")]
    public static partial void InputsDropped(ILogger logger, RoomId roomId, long tick, long queueDrops, long perTickDrops);

    [LoggerMessage(403, LogLevel.Debug, "Room {RoomId} closed at tick {Tick}: {Reason}.")]
    public static partial void RoomClosed(ILogger logger, RoomId roomId, long tick, RoomCloseReason reason);

    [LoggerMessage(404, LogLevel.Debug, "Room {RoomId}: seat of player {PlayerId} left at tick {Tick}: {Reason}.")]
    public static partial void SeatReleased(ILogger logger, RoomId roomId, PlayerId playerId, long tick, LeaveReason reason);

    [LoggerMessage(405, LogLevel.Error, "Tick thread {ThreadName} caught an unexpected exception; it keeps running.")]
    public static partial void TickThreadFailed(ILogger logger, string threadName, Exception exception);

    [LoggerMessage(407, LogLevel.Warning, "Room {RoomId} tick {Tick} took {Duration}, longer than its step {Step}.")]
    public static partial void TickOverrun(ILogger logger, RoomId roomId, long tick, TimeSpan duration, TimeSpan step);

    [LoggerMessage(406, LogLevel.Error, "Room {RoomId}: OnClosingAsync failed.")]
    public static partial void ClosingFailed(ILogger logger, RoomId roomId, Exception exception);
}
