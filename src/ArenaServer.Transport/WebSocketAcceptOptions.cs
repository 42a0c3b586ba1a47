namespace ArenaServer.Transport;

/// <summary>Per-endpoint choices for <see cref="HttpRequestContext.AcceptWebSocketAsync"/>.</summary>
public sealed class WebSocketAcceptOptions
{
    /// <summary>The subprotocol to confirm in <c>Sec-WebSocket-Protocol</c> (RFC 6455 §4.2.2), or <see langword="null"/>
    /// to confirm none. The caller chooses it from <see cref="HttpRequestContext.WebSocketHandshake"/>.</summary>
    public string? Subprotocol { get; init; }

    /// <summary>The largest message this endpoint accepts, in bytes; <see langword="null"/> uses
    /// <see cref="TransportOptions.MaxMessageSize"/>. The conformance echo endpoint raises it to 16 MiB.</summary>
    public long? MaxMessageSize { get; init; }
}
