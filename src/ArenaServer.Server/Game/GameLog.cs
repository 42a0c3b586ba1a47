using Microsoft.Extensions.Logging;

namespace ArenaServer.Server.Game;

/// <summary>The game endpoint's log events (CONVENTIONS.md §33): stable ids, structured names, no interpolation.</summary>
internal static partial class GameLog
{
    [LoggerMessage(40, LogLevel.Debug, "Game connection {ConnectionId} refused with {StatusCode}: {Reason}.")]
    public static partial void UpgradeRefused(ILogger logger, long connectionId, int statusCode, string reason);

    [LoggerMessage(41, LogLevel.Debug, "Game connection {ConnectionId} protocol error: {Reason}.")]
    public static partial void ProtocolError(ILogger logger, long connectionId, string reason);

    [LoggerMessage(42, LogLevel.Debug, "Game connection {ConnectionId} seated as player {PlayerId} in room {RoomId} ({Status}).")]
    public static partial void Seated(ILogger logger, long connectionId, int playerId, string roomId, string status);

    [LoggerMessage(43, LogLevel.Debug, "Game connection {ConnectionId} closed: {Reason} {CloseCode}.")]
    public static partial void Closed(ILogger logger, long connectionId, string reason, ushort? closeCode);

    [LoggerMessage(44, LogLevel.Warning, "Game connection {ConnectionId}: a join or resume failed in the room.")]
    public static partial void SeatingFailed(ILogger logger, long connectionId, Exception exception);
}
