using System.Net;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Transport.Internal;

/// <summary>The transport's log messages (CONVENTIONS.md §33–34): Debug for lifecycle, Warning (rate-limited by the
/// caller) for drops, Error for unexpected loop exits.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(1, LogLevel.Debug, "Listening on {EndPoint} (TLS: {IsTls}, I/O: {IoEngine}).")]
    public static partial void ListenerStarted(ILogger logger, EndPoint endPoint, bool isTls, TransportIoEngine ioEngine);

    [LoggerMessage(20, LogLevel.Information, "{Engine} is not available ({Reason}); using the runtime's sockets.")]
    public static partial void EngineUnavailable(ILogger logger, string engine, string reason);

    [LoggerMessage(2, LogLevel.Debug, "Connection {ConnectionId} accepted from {RemoteEndPoint}.")]
    public static partial void ConnectionAccepted(ILogger logger, ConnectionId connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(3, LogLevel.Debug, "Connection {ConnectionId} closed.")]
    public static partial void ConnectionClosed(ILogger logger, ConnectionId connectionId);

    [LoggerMessage(4, LogLevel.Debug, "Connection {ConnectionId} timed out in state {State}.")]
    public static partial void ConnectionTimedOut(ILogger logger, ConnectionId connectionId, string state);

    [LoggerMessage(5, LogLevel.Warning, "Connection limit {MaxConnections} reached; answering 503.")]
    public static partial void ConnectionLimitReached(ILogger logger, int maxConnections);

    [LoggerMessage(6, LogLevel.Debug, "Connection {ConnectionId}: TLS handshake failed.")]
    public static partial void TlsHandshakeFailed(ILogger logger, ConnectionId connectionId, Exception exception);

    [LoggerMessage(7, LogLevel.Debug, "Connection {ConnectionId}: request head rejected with {StatusCode}.")]
    public static partial void RequestHeadRejected(ILogger logger, ConnectionId connectionId, int statusCode);

    [LoggerMessage(8, LogLevel.Debug, "Connection {ConnectionId}: WebSocket opened (subprotocol {Subprotocol}).")]
    public static partial void WebSocketOpened(ILogger logger, ConnectionId connectionId, string? subprotocol);

    [LoggerMessage(9, LogLevel.Debug, "Connection {ConnectionId}: WebSocket closed ({CloseReason}, code {CloseCode}).")]
    public static partial void WebSocketClosed(ILogger logger, ConnectionId connectionId, CloseReason closeReason, ushort? closeCode);

    [LoggerMessage(10, LogLevel.Debug, "Connection {ConnectionId}: protocol error {CloseCode}: {Description}.")]
    public static partial void ProtocolError(ILogger logger, ConnectionId connectionId, ushort closeCode, string description);

    [LoggerMessage(11, LogLevel.Warning, "Connection {ConnectionId} dropped: {CloseReason} ({Detail}).")]
    public static partial void ConnectionDropped(ILogger logger, ConnectionId connectionId, CloseReason closeReason, string detail);

    [LoggerMessage(12, LogLevel.Error, "Connection {ConnectionId}: unexpected error in {Loop}.")]
    public static partial void UnexpectedError(ILogger logger, ConnectionId connectionId, string loop, Exception exception);

    [LoggerMessage(13, LogLevel.Error, "Accept loop failed on {EndPoint}.")]
    public static partial void AcceptFailed(ILogger logger, EndPoint endPoint, Exception exception);

    [LoggerMessage(14, LogLevel.Error, "Heartbeat failed.")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(15, LogLevel.Debug, "Listener on {EndPoint} stopping with close code {CloseCode}; {Open} connections open.")]
    public static partial void ListenerStopping(ILogger logger, EndPoint endPoint, ushort closeCode, int open);
}
