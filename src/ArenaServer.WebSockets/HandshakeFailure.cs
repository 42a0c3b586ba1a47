namespace ArenaServer.WebSockets;

/// <summary>Why an upgrade request fails the RFC 6455 §4.2.1 checks; <see cref="HandshakeValidator.StatusCodeFor"/> maps it to a status.</summary>
public enum HandshakeFailure
{
    /// <summary>The request is a valid WebSocket opening handshake.</summary>
    None,

    /// <summary>The method is not GET (405).</summary>
    NotGet,

    /// <summary>The request is not HTTP/1.1 (400).</summary>
    NotHttp11,

    /// <summary>The Host header is missing or empty (400).</summary>
    MissingHost,

    /// <summary>No <c>Upgrade: websocket</c> (400).</summary>
    MissingUpgrade,

    /// <summary>The Connection header lacks the <c>Upgrade</c> token (400).</summary>
    MissingConnectionUpgrade,

    /// <summary><c>Sec-WebSocket-Key</c> is missing, repeated, or not the base64 of 16 bytes (400).</summary>
    BadKey,

    /// <summary><c>Sec-WebSocket-Version</c> is present but not exactly 13 (426 with <c>Sec-WebSocket-Version: 13</c>, RFC 6455 §4.4).</summary>
    UnsupportedVersion,

    /// <summary><c>Sec-WebSocket-Version</c> is missing: not a valid handshake at all (400, RFC 6455 §4.2.2).</summary>
    MissingVersion,
}
