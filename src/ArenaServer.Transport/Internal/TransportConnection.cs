using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using ArenaServer.WebSockets;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Transport.Internal;

/// <summary>One accepted socket from accept to close: TLS, the request head within the handshake deadline, the
/// application's handler, then an orderly TCP close (the server closes first, RFC 6455 §7.1.1).</summary>
/// <remarks><see cref="RunAsync"/> runs once, as the connection's read loop. <see cref="OnHeartbeat"/> runs on the
/// heartbeat; <see cref="Abort"/> and <see cref="BeginShutdown"/> may be called from any thread.</remarks>
internal sealed class TransportConnection
{
    private HttpRequestContext? _request; // a field, not a local of RunAsync's frame: dropped at the upgrade
    private ValueTask _handling;          // the upgraded handler's task, finished by OnHandledAfterUpgrade
    private readonly SocketConnection _transport;
    private TaskCompletionSource? _completion; // created on demand (StopAsync): an idle connection keeps none
    private volatile bool _ended;
    private IDuplexPipe _pipe;
    private long _deadline;
    private volatile string _state = "Handshaking";
    private volatile WebSocketConnection? _webSocket;

    public TransportConnection(ArenaListener listener, ConnectionId id, Socket socket)
    {
        Listener = listener;
        Id = id;
        RemoteEndPoint = TryGetEndPoint(socket, remote: true);
        _transport = new SocketConnection(socket, listener.Senders, listener.InputPipeOptions, listener.OutputPipeOptions,
            detachableInput: listener.Certificate is null, // plain TCP: the WebSocket read loop takes the socket over
            engine: listener.CreateEngineSocket(socket));
        _pipe = _transport;
        _deadline = Time.GetTimestamp() + ToTicks(FirstDeadline(listener));
    }

    public ArenaListener Listener { get; }

    public ConnectionId Id { get; }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>Gets the local address, read on demand: most connections never ask, and an idle one should not keep
    /// it (with its IPAddress) for hours.</summary>
    public EndPoint? LocalEndPoint => TryGetEndPoint(_transport.Socket, remote: false);

    public TransportOptions Options => Listener.Options;

    public TimeProvider Time => Listener.Time;

    public ILogger Logger => Listener.Logger;

    public bool IsTls => Listener.IsTls;

    public IDuplexPipe Pipe => _pipe;

    public Task Completion
    {
        get
        {
            if (_ended)
            {
                return Task.CompletedTask;
            }

            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            TaskCompletionSource completion = Interlocked.CompareExchange(ref _completion, created, null) ?? created;
            if (_ended)
            {
                completion.TrySetResult(); // ended while we created it
            }

            return completion.Task;
        }
    }

    public WebSocketConnection? WebSocket => _webSocket;

    public async Task RunAsync(IHttpRequestHandler handler, CancellationToken stopping)
    {
        TransportLog.ConnectionAccepted(Logger, Id, RemoteEndPoint);
        _transport.Start();
        bool handedOff = false;
        try
        {
            if (Listener.Certificate is { } certificate)
            {
                // The heartbeat enforces Tls:HandshakeTimeout (by aborting the socket), so no timer is needed here.
                try
                {
                    _pipe = await TlsDuplexPipe.AuthenticateAsync(_transport, certificate, stopping).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    TransportLog.TlsHandshakeFailed(Logger, Id, ex);
                    Listener.Metrics?.HandshakeRejected("tls");
                    return;
                }

                _state = "RequestHead";
                // The request head's deadline counts from the accept, like the TLS one (no field kept for it).
                long acceptedAt = Volatile.Read(ref _deadline) - ToTicks(FirstDeadline(Listener));
                Volatile.Write(ref _deadline, acceptedAt + ToTicks(Options.HandshakeTimeout));
            }

            // No request locals in this method: its frame lives as long as the connection, so the request (and its
            // head) is kept in _request, which the upgrade clears.
            _request = await ReadRequestAsync().ConfigureAwait(false);
            if (_request is null)
            {
                return;
            }

            _state = "Request";
            try
            {
                ValueTask handling = handler.HandleAsync(_request, stopping);
                if (!handling.IsCompleted && _webSocket is not null)
                {
                    // Upgraded: the handler's task now runs as long as the WebSocket (hours). Rather than keep this
                    // async frame (~200 bytes) on the heap all that time, finish in a continuation (a delegate and the
                    // ValueTask, ~80 bytes).
                    _handling = handling;
                    handedOff = true;
                    handling.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(OnHandledAfterUpgrade);
                    return;
                }

                await handling.ConfigureAwait(false);
            }
            catch (Exception ex) when (!SocketConnection.IsConnectionError(ex) && _request is { HasResponded: false })
            {
                // A handler bug still gets an answer, so the client does not wait for a response that never comes.
                TransportLog.UnexpectedError(Logger, Id, "request handler", ex);
                await _request.RespondErrorAsync(500, "Internal Server Error", cancellationToken: stopping).ConfigureAwait(false);
                return;
            }

            if (_request is { HasResponded: false })
            {
                await _request.RespondErrorAsync(404, "Not Found", cancellationToken: stopping).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (SocketConnection.IsConnectionError(ex))
        {
            // The peer went away mid-request; nothing to answer.
        }
        catch (Exception ex)
        {
            TransportLog.UnexpectedError(Logger, Id, "request", ex);
        }
        finally
        {
            if (!handedOff)
            {
                await FinishAsync().ConfigureAwait(false);
            }
        }
    }

    private void OnHandledAfterUpgrade() => _ = FinishAfterUpgradeAsync();

    private async Task FinishAfterUpgradeAsync()
    {
        try
        {
            _handling.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (SocketConnection.IsConnectionError(ex))
        {
            // The peer went away; nothing to answer.
        }
        catch (Exception ex)
        {
            TransportLog.UnexpectedError(Logger, Id, "request", ex);
        }

        _handling = default;
        await FinishAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the socket and releases the connection's slot; never throws.</summary>
    private async Task FinishAsync()
    {
        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            TransportLog.UnexpectedError(Logger, Id, "close", ex);
        }
        finally
        {
            // Always, or ActiveConnections would leak a slot towards MaxConnections.
            TransportLog.ConnectionClosed(Logger, Id);
            Listener.OnConnectionClosed(this);
            _ended = true;
            Volatile.Read(ref _completion)?.TrySetResult();
        }
    }

    /// <summary>Called when the 101 went out: the handshake deadline no longer applies; keep-alive takes over.</summary>
    public void OnUpgraded(WebSocketConnection webSocket)
    {
        _webSocket = webSocket;
        _request = null; // answered (101); the context and what it references can go
        Volatile.Write(ref _deadline, 0);
        _state = "WebSocket";
    }

    public void OnHeartbeat(long now)
    {
        long deadline = Volatile.Read(ref _deadline);
        if (deadline != 0 && now >= deadline)
        {
            // Slowloris: the TLS handshake, request head or plain-HTTP exchange did not finish in time.
            if (_state == "Closing")
            {
                TransportLog.ConnectionTimedOut(Logger, Id, _state);
            }
            else
            {
                Listener.LogDrop(Id, CloseReason.HandshakeTimeout, _state);
                Listener.Metrics?.HandshakeRejected("timeout");
            }

            Abort();
            return;
        }

        _webSocket?.OnHeartbeat(now);
    }

    public void Abort() => _transport.Abort();

    /// <summary>Starts closing for <see cref="ArenaListener.StopAsync"/>: WebSockets get a Close frame, anything else is
    /// dropped.</summary>
    public void BeginShutdown(ushort code, string reason)
    {
        if (_webSocket is { } webSocket)
        {
            webSocket.CloseForShutdown(code, reason);
        }
        else
        {
            Abort();
        }
    }

    private async Task<HttpRequestContext?> ReadRequestAsync()
    {
        PipeReader input = _pipe.Input;
        while (true)
        {
            ReadResult result = await input.ReadAsync().ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            HttpParseResult parse = HttpRequestHeadParser.TryParse(buffer, Options.MaxRequestHeadSize, out HttpRequestHead? head,
                out SequencePosition consumed);
            switch (parse)
            {
                case HttpParseResult.Success:
                    input.AdvanceTo(consumed);
                    return new HttpRequestContext(this, head!);
                case HttpParseResult.TooLarge:
                case HttpParseResult.Invalid:
                case HttpParseResult.VersionNotSupported:
                    input.AdvanceTo(buffer.End);
                    (int status, string reason) = parse switch
                    {
                        HttpParseResult.TooLarge => (431, "head_too_large"),
                        HttpParseResult.VersionNotSupported => (505, "http_version"),
                        _ => (400, "bad_request"),
                    };
                    TransportLog.RequestHeadRejected(Logger, Id, status);
                    Listener.Metrics?.HandshakeRejected(reason);
                    HttpResponseWriter.WriteError(_pipe.Output, status, HttpResponseWriter.ReasonPhrase(status));
                    await _pipe.Output.FlushAsync().ConfigureAwait(false);
                    return null;
                default:
                    input.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted || result.IsCanceled)
                    {
                        return null;
                    }

                    break;
            }
        }
    }

    private async Task CloseAsync()
    {
        // Whatever was written goes out, then FIN; a peer that does not read is cut off by the close deadline.
        Volatile.Write(ref _deadline, Time.GetTimestamp() + ToTicks(Options.CloseTimeout));
        _state = "Closing";
        try
        {
            if (_pipe is TlsDuplexPipe tls)
            {
                await tls.DisposeAsync().ConfigureAwait(false);
            }

            await _transport.CompleteOutputAsync().ConfigureAwait(false);
            await _transport.CompleteInputAsync().ConfigureAwait(false);
            await _transport.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (SocketConnection.IsConnectionError(ex))
        {
            _transport.Abort();
        }
        finally
        {
            _transport.Abort(); // idempotent; lets our engine release its registration if CloseAsync did not get there
            _transport.Socket.Dispose();
        }
    }

    private static EndPoint? TryGetEndPoint(Socket socket, bool remote)
    {
        try
        {
            return remote ? socket.RemoteEndPoint : socket.LocalEndPoint;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return null; // reset (or closed) before we looked; the connection ends on its first read
        }
    }

    /// <summary>The first deadline after the accept: the TLS handshake's when it is shorter, else the request head's.</summary>
    private static TimeSpan FirstDeadline(ArenaListener listener)
        => listener.Tls is { } tls && tls.HandshakeTimeout < listener.Options.HandshakeTimeout
            ? tls.HandshakeTimeout
            : listener.Options.HandshakeTimeout;

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Time.TimestampFrequency);
}
