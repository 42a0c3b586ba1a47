namespace ArenaServer.Transport;

/// <summary>The application entry point of an <see cref="ArenaListener"/>: routes one HTTP request per connection.</summary>
/// <remarks>Called on the connection's read loop, once per connection (one request per connection in v1), after a
/// complete request head arrived within <see cref="TransportOptions.HandshakeTimeout"/> and
/// <see cref="TransportOptions.MaxRequestHeadSize"/>; otherwise the transport answers 431 or drops the socket itself.
/// Calls for different connections run concurrently.</remarks>
public interface IHttpRequestHandler
{
    /// <summary>Answers the request with <see cref="HttpRequestContext.RespondAsync"/> or
    /// <see cref="HttpRequestContext.RespondErrorAsync"/>, or upgrades it with
    /// <see cref="HttpRequestContext.AcceptWebSocketAsync"/>. Returning without either answers 404.</summary>
    /// <param name="context">The request and the means to answer it.</param>
    /// <param name="cancellationToken">Canceled when the listener stops.</param>
    /// <returns>A task that completes when the request is handled; the connection is closed afterwards.</returns>
    public ValueTask HandleAsync(HttpRequestContext context, CancellationToken cancellationToken);
}
