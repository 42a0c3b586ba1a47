namespace ArenaServer.WebSockets;

/// <summary>A close code and a short reason, as sent in a Close frame (RFC 6455 §5.5.1, §7.4).</summary>
/// <param name="Code">The close status code.</param>
/// <param name="Reason">A short constant explanation (never peer data), at most 123 UTF-8 bytes.</param>
public readonly record struct WebSocketCloseStatus(ushort Code, string Reason);
