using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using ArenaServer.Transport.Internal;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport;

/// <summary>One HTTP request on an accepted connection and the means to answer it: a plain response, an error, or
/// the upgrade to a WebSocket (ARCHITECTURE.md §7, §12).</summary>
/// <remarks>Used by the <see cref="IHttpRequestHandler"/> on the connection's read loop only; not thread-safe.
/// Exactly one answer is allowed; the connection closes after it (one request per connection in v1).</remarks>
public sealed class HttpRequestContext
{
    private readonly TransportConnection _connection;
    private readonly HandshakeFailure _handshakeFailure;
    private HandshakeRequest _handshake;
    private HttpRequestHead? _head;

    internal HttpRequestContext(TransportConnection connection, HttpRequestHead head)
    {
        _connection = connection;
        _head = head;
        IsWebSocketRequest = HandshakeValidator.IsUpgradeRequest(head);
        _handshakeFailure = IsWebSocketRequest ? HandshakeValidator.Validate(head, out _handshake) : HandshakeFailure.MissingUpgrade;
    }

    /// <summary>Gets the id of the connection, shared with the <see cref="WebSocketConnection"/> after an upgrade.</summary>
    public ConnectionId ConnectionId => _connection.Id;

    /// <summary>Gets the parsed request head.</summary>
    /// <remarks>Released when <see cref="AcceptWebSocketAsync"/> sends the 101: a WebSocket lives for hours, and its
    /// request head (strings and the header list) would otherwise stay on the heap all that time. Read what the
    /// connection needs (path, headers, origin) before accepting.</remarks>
    /// <exception cref="InvalidOperationException">After the connection was upgraded to a WebSocket.</exception>
    public HttpRequestHead Head => _head ?? throw new InvalidOperationException(
        "The request head is released once the connection is upgraded; read it before AcceptWebSocketAsync.");

    /// <summary>Gets the client's address.</summary>
    public EndPoint? RemoteEndPoint => _connection.RemoteEndPoint;

    /// <summary>Gets the local address the client connected to.</summary>
    public EndPoint? LocalEndPoint => _connection.LocalEndPoint;

    /// <summary>Gets whether the connection is TLS (<c>https://</c>, <c>wss://</c>).</summary>
    public bool IsTls => _connection.IsTls;

    /// <summary>Gets whether the request carries <c>Upgrade: websocket</c>.</summary>
    public bool IsWebSocketRequest { get; }

    /// <summary>Gets the parsed WebSocket offer (key, subprotocols, origin) when the request is a valid RFC 6455
    /// handshake, for routing decisions before <see cref="AcceptWebSocketAsync"/>; otherwise <see langword="null"/>
    /// (also after the upgrade, which releases it with <see cref="Head"/>).</summary>
    public HandshakeRequest? WebSocketHandshake => _handshakeFailure == HandshakeFailure.None && _head is not null ? _handshake : null;

    internal bool HasResponded { get; private set; }

    /// <summary>Reads the request body (Content-Length only).</summary>
    /// <param name="maxBodySize">The largest body accepted; larger ones are answered with 413.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body, or <see langword="null"/> after this method answered 413 (too large), 411 (chunked) or 400
    /// (the body ended early) itself.</returns>
    public async ValueTask<ReadOnlySequence<byte>?> ReadBodyAsync(int maxBodySize, CancellationToken cancellationToken)
    {
        if (Head.IsChunked)
        {
            await RespondErrorAsync(411, "chunked request bodies are not supported", cancellationToken: cancellationToken).ConfigureAwait(false);
            return null;
        }

        long length = Head.ContentLength ?? 0;
        if (length > maxBodySize)
        {
            await RespondErrorAsync(413, "request body too large", cancellationToken: cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        PipeReader input = _connection.Pipe.Input;
        while (true)
        {
            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (buffer.Length >= length)
            {
                // Copied so the body outlives the pipe's buffers while the handler works on it.
                byte[] body = buffer.Slice(0, length).ToArray();
                input.AdvanceTo(buffer.GetPosition(length));
                return new ReadOnlySequence<byte>(body);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                await RespondErrorAsync(400, "request body ended early", cancellationToken: cancellationToken).ConfigureAwait(false);
                return null;
            }
        }
    }

    /// <summary>Sends a complete response with <c>Connection: close</c>; a HEAD request gets the headers only.</summary>
    /// <param name="statusCode">The status code.</param>
    /// <param name="contentType">The Content-Type.</param>
    /// <param name="body">The body.</param>
    /// <param name="headers">Extra response headers.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the response was handed to the socket.</returns>
    public ValueTask RespondAsync(int statusCode, string contentType, ReadOnlyMemory<byte> body,
        IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default)
    {
        MarkResponded();
        PipeWriter output = _connection.Pipe.Output;
        bool headOnly = string.Equals(Head.Method, "HEAD", StringComparison.Ordinal);
        HttpResponseWriter.WriteResponse(output, statusCode, contentType, body.Span, headers, headOnly);
        return FlushAsync(output, cancellationToken);
    }

    /// <summary>Sends a short <c>text/plain</c> error response with <c>Connection: close</c>.</summary>
    /// <param name="statusCode">The status code (426 adds <c>Sec-WebSocket-Version: 13</c>).</param>
    /// <param name="message">A short message; never include secrets.</param>
    /// <param name="headers">Extra response headers.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the response was handed to the socket.</returns>
    public ValueTask RespondErrorAsync(int statusCode, string message, IEnumerable<KeyValuePair<string, string>>? headers = null,
        CancellationToken cancellationToken = default)
    {
        MarkResponded();
        PipeWriter output = _connection.Pipe.Output;
        HttpResponseWriter.WriteError(output, statusCode, message, headers);
        return FlushAsync(output, cancellationToken);
    }

    /// <summary>Validates the RFC 6455 handshake (answering 400, 405 or 426 itself and returning when it is invalid),
    /// sends 101 with <see cref="WebSocketAcceptOptions.Subprotocol"/>, then runs the connection until it closes.</summary>
    /// <param name="options">The subprotocol to confirm and the endpoint's message size limit.</param>
    /// <param name="handler">Receives the connection's events.</param>
    /// <param name="cancellationToken">Cancels only the handshake response; a running connection is ended with
    /// <see cref="WebSocketConnection.Close"/> or <see cref="ArenaListener.StopAsync"/>.</param>
    /// <returns>A task that completes when the connection has closed and <see cref="IWebSocketHandler.OnClosed"/> ran.</returns>
    public ValueTask AcceptWebSocketAsync(WebSocketAcceptOptions options, IWebSocketHandler handler,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        if (_handshakeFailure != HandshakeFailure.None)
        {
            int status = HandshakeValidator.StatusCodeFor(_handshakeFailure);
            _connection.Listener.Metrics?.HandshakeRejected(_handshakeFailure);
            return RespondErrorAsync(status, _handshakeFailure.ToString(), cancellationToken: cancellationToken);
        }

        MarkResponded();
        PipeWriter output = _connection.Pipe.Output;
        HttpResponseWriter.WriteSwitchingProtocols(output, WebSocketAccept.Compute(_handshake.Key), options.Subprotocol);

        // Nothing of the request is needed any more: let the head (~0.6 KB) go before the connection settles in.
        _head = null;
        _handshake = default;
        ValueTask<FlushResult> flush = output.FlushAsync(cancellationToken);

        // The connection lives for minutes to hours: skip an extra async frame (and its heap box) when the 101 went
        // out synchronously, which is the common case.
        return flush.IsCompletedSuccessfully
            ? new ValueTask(RunWebSocket(options, handler))
            : AwaitFlushThenRunAsync(flush, options, handler);
    }

    private async ValueTask AwaitFlushThenRunAsync(ValueTask<FlushResult> flush, WebSocketAcceptOptions options, IWebSocketHandler handler)
    {
        await flush.ConfigureAwait(false);
        await RunWebSocket(options, handler).ConfigureAwait(false);
    }

    private Task RunWebSocket(WebSocketAcceptOptions options, IWebSocketHandler handler)
    {
        long maxMessageSize = Math.Min(options.MaxMessageSize ?? _connection.Options.MaxMessageSize, Array.MaxLength);
        var connection = new WebSocketConnection(_connection, _connection.Pipe, handler, options.Subprotocol, maxMessageSize,
            options.PauseReadingWhenBacklogged);
        _connection.OnUpgraded(connection);
        return connection.RunAsync();
    }

    private void MarkResponded()
    {
        if (HasResponded)
        {
            throw new InvalidOperationException("The request was already answered.");
        }

        HasResponded = true;
    }

    private static async ValueTask FlushAsync(PipeWriter output, CancellationToken cancellationToken)
        => await output.FlushAsync(cancellationToken).ConfigureAwait(false);
}
