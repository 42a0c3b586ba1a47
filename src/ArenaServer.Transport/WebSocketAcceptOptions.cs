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

    /// <summary>Whether the read loop stops taking messages while this connection's outbound queue is backlogged.</summary>
    /// <remarks>Defaults to <see langword="false"/>. Turn it on for request/response endpoints such as the conformance
    /// echo, where every message produces one: a client that pipelines thousands of messages is then slowed by TCP
    /// flow control instead of being closed with 4008 when its replies outrun
    /// <see cref="TransportOptions.OutboundQueueCapacity"/>. Reading pauses at half the capacity and resumes below a
    /// quarter; control frames are still answered from what was already read. The game endpoint leaves it off,
    /// because inputs must keep flowing to the room whatever the downlink does.</remarks>
    public bool PauseReadingWhenBacklogged { get; init; }
}
