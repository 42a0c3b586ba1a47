namespace ArenaServer.Transport;

/// <summary>How a WebSocket connection ended, reported once through <see cref="IWebSocketHandler.OnClosed"/>.</summary>
/// <param name="Reason">The single reason the connection ended.</param>
/// <param name="Code">The close code sent or received in the close handshake; <see langword="null"/> for a drop
/// without one (a lost connection or a pong timeout), which is what lets the server hold a seat.</param>
/// <param name="Description">The close reason text, if any.</param>
public readonly record struct WebSocketCloseInfo(CloseReason Reason, ushort? Code, string? Description);
