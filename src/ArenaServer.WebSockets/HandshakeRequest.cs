namespace ArenaServer.WebSockets;

/// <summary>The parts of a valid opening handshake the server acts on (RFC 6455 §4.2.1).</summary>
/// <param name="Key">The <c>Sec-WebSocket-Key</c> value, validated as the base64 of 16 bytes.</param>
/// <param name="Subprotocols">The offered subprotocols in client order (all <c>Sec-WebSocket-Protocol</c> headers, comma-split).</param>
/// <param name="Origin">The <c>Origin</c> header, or <see langword="null"/> for non-browser clients.</param>
/// <param name="Extensions">The offered extensions (comma-split); we negotiate none (RFC 6455 §9).</param>
public readonly record struct HandshakeRequest(string Key, IReadOnlyList<string> Subprotocols, string? Origin, IReadOnlyList<string> Extensions);
