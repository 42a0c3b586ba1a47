using Microsoft.Extensions.Logging;

namespace ArenaServer.Server;

/// <summary>The Server layer's log events (CONVENTIONS.md §33): stable ids, structured names, no interpolation.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "Accepting connections at {Url} ({Mode} mode).")]
    public static partial void Listening(ILogger logger, Uri url, string mode);

    [LoggerMessage(2, LogLevel.Information, "Shutting down: closing {ConnectionCount} connections with {CloseCode}.")]
    public static partial void ShuttingDown(ILogger logger, int connectionCount, ushort closeCode);

    [LoggerMessage(3, LogLevel.Information, "Stopped listening.")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(6, LogLevel.Warning, "Rooms did not finish closing within the shutdown timeout ({Timeout}); closing the remaining connections.")]
    public static partial void RoomsShutdownTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(4, LogLevel.Warning, "The /echo conformance endpoint is enabled (messages up to {MaxMessageSize} bytes); do not expose it publicly.")]
    public static partial void EchoEnabled(ILogger logger, long maxMessageSize);

    [LoggerMessage(5, LogLevel.Warning, "The static root {Root} does not exist; static routes will answer 404.")]
    public static partial void StaticRootMissing(ILogger logger, string root);

    [LoggerMessage(10, LogLevel.Debug, "Connection {ConnectionId} {Method} {Path} answered {StatusCode}.")]
    public static partial void Answered(ILogger logger, long connectionId, string method, string path, int statusCode);

    [LoggerMessage(11, LogLevel.Debug, "Connection {ConnectionId} static path {Path} refused: {Reason}.")]
    public static partial void StaticPathRefused(ILogger logger, long connectionId, string path, string? reason);

    [LoggerMessage(12, LogLevel.Warning, "Static file {FilePath} could not be read.")]
    public static partial void StaticFileReadFailed(ILogger logger, string filePath, Exception exception);

    [LoggerMessage(20, LogLevel.Debug, "Connection {ConnectionId} upgraded to /echo.")]
    public static partial void EchoOpened(ILogger logger, long connectionId);

    [LoggerMessage(21, LogLevel.Debug, "Echo connection {ConnectionId} could not enqueue a {Length}-byte message: {Result}.")]
    public static partial void EchoEnqueueFailed(ILogger logger, long connectionId, long length, string result);

    [LoggerMessage(22, LogLevel.Debug, "Echo connection {ConnectionId} closed: {Reason} {CloseCode}.")]
    public static partial void EchoClosed(ILogger logger, long connectionId, string reason, ushort? closeCode);
}
