namespace ArenaServer.Transport;

/// <summary>Why a WebSocket connection ended; every ending maps to exactly one reason (CONVENTIONS.md §11).</summary>
public enum CloseReason
{
    /// <summary>The client started the close handshake (RFC 6455 §5.5.1).</summary>
    ClientClosed,

    /// <summary>The server called <see cref="WebSocketConnection.Close"/>.</summary>
    ServerClosed,

    /// <summary>The client broke RFC 6455 framing rules; the server sent 1002.</summary>
    ProtocolError,

    /// <summary>A message exceeded the endpoint's MaxMessageSize; the server sent 1009.</summary>
    MessageTooBig,

    /// <summary>A text message or close reason was not valid UTF-8; the server sent 1007.</summary>
    InvalidUtf8,

    /// <summary>The TCP connection ended or failed without a close handshake.</summary>
    ConnectionLost,

    /// <summary>No Pong matched our Ping within <see cref="TransportOptions.PongTimeout"/>.</summary>
    PingTimeout,

    /// <summary>The outbound queue overflowed or a write stalled; the server sent 4008.</summary>
    SlowConsumer,

    /// <summary>The connection did not complete its handshake in time.</summary>
    HandshakeTimeout,

    /// <summary>The listener is stopping (<see cref="ArenaListener.StopAsync"/>).</summary>
    Shutdown,
}
