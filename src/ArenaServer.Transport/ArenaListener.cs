using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using ArenaServer.Transport.Internal;
using ArenaServer.Transport.Internal.Epoll;
using ArenaServer.Transport.Internal.Uring;
using ArenaServer.WebSockets;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Transport;

/// <summary>Accepts TCP connections on a raw <see cref="Socket"/> (IPv4, or dual-mode IPv6), optionally wraps them in
/// TLS, reads one HTTP request per connection and hands it to an <see cref="IHttpRequestHandler"/>.</summary>
/// <remarks><see cref="Start"/>, <see cref="StopAsync"/> and <see cref="DisposeAsync"/> are called by the host, not
/// concurrently with each other; <see cref="ActiveConnections"/> may be read from any thread. One accept loop runs per
/// listener, and a heartbeat (1 s, from the injected <see cref="TimeProvider"/>) enforces timeouts.</remarks>
public sealed class ArenaListener : IAsyncDisposable
{
    private readonly IPEndPoint _endPoint;
    private readonly IHttpRequestHandler _handler;
    private readonly int _backlog;
    private readonly ConcurrentDictionary<long, TransportConnection> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Heartbeat _heartbeat;
    private readonly RateLimitedGate _dropWarnings;
    private readonly RateLimitedGate _limitWarnings;
    private Socket? _listenSocket;
    private Task _acceptLoop = Task.CompletedTask;
    private IPEndPoint? _localEndPoint;
    private long _nextId;
    private int _active;
    private int _stopped;

    /// <summary>Creates a listener; nothing is bound until <see cref="Start"/>.</summary>
    /// <param name="endPoint">Where to listen; port 0 picks a free port; <see cref="IPAddress.IPv6Any"/> also accepts IPv4.</param>
    /// <param name="options">Limits and timeouts; validated here.</param>
    /// <param name="handler">Routes each request.</param>
    /// <param name="loggerFactory">Creates the <c>ArenaServer.Transport</c> logger.</param>
    /// <param name="timeProvider">The source of all time (a <c>ManualClock</c> under test).</param>
    /// <param name="tls">TLS settings; when <see cref="TlsOptions.CertificatePath"/> is set every connection is TLS.</param>
    /// <param name="backlog">The listen backlog.</param>
    public ArenaListener(IPEndPoint endPoint, TransportOptions options, IHttpRequestHandler handler, ILoggerFactory loggerFactory,
        TimeProvider timeProvider, TlsOptions? tls = null, int backlog = 512)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(backlog);
        string? failure = TransportOptionsValidator.GetFailure(options);
        if (failure is not null)
        {
            throw new ArgumentException(failure, nameof(options));
        }

        _endPoint = endPoint;
        Options = options;
        _handler = handler;
        Time = timeProvider;
        Logger = loggerFactory.CreateLogger("ArenaServer.Transport");
        _backlog = backlog;
        if (!string.IsNullOrEmpty(tls?.CertificatePath))
        {
            Tls = tls;
            Certificate = TlsCertificateLoader.Load(tls);
        }

        InputPipeOptions = SocketConnection.CreateInputOptions(options.MaxReadBufferSize);
        OutputPipeOptions = SocketConnection.CreateOutputOptions(options.MaxWriteBufferSize);
        _heartbeat = new Heartbeat(timeProvider, Heartbeat.PeriodFor(options.PingInterval), OnHeartbeat,
            ex => TransportLog.HeartbeatFailed(Logger, ex));
        _dropWarnings = new RateLimitedGate(timeProvider, TimeSpan.FromSeconds(10));
        _limitWarnings = new RateLimitedGate(timeProvider, TimeSpan.FromSeconds(10));
    }

    /// <summary>Gets the bound endpoint (with the real port when 0 was asked).</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="Start"/>.</exception>
    public IPEndPoint LocalEndPoint => _localEndPoint ?? throw new InvalidOperationException("The listener is not started.");

    /// <summary>Gets whether connections are TLS.</summary>
    public bool IsTls => Certificate is not null;

    /// <summary>Gets or sets the instruments the listener and its connections record into; null records nothing.</summary>
    public TransportMetrics? Metrics { get; init; }

    /// <summary>Gets the number of open connections, in every state.</summary>
    public int ActiveConnections => Volatile.Read(ref _active);

    internal TransportOptions Options { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal TlsOptions? Tls { get; }

    internal X509Certificate2? Certificate { get; }

    internal SocketSenderPool Senders { get; } = new();

    /// <summary>Gets the io_uring rings the connections use, or <see langword="null"/> for the runtime's sockets.</summary>
    internal IoThreads<UringRing>? Uring { get; private set; }

    /// <summary>Gets our epoll loops the connections use, or <see langword="null"/>.</summary>
    internal IoThreads<EpollLoop>? Epoll { get; private set; }

    /// <summary>Gets the engine the connections use (<see cref="TransportIoEngine.Auto"/> resolved at <see cref="Start"/>).</summary>
    public TransportIoEngine IoEngine
        => Uring is not null ? TransportIoEngine.IoUring : Epoll is not null ? TransportIoEngine.Epoll : TransportIoEngine.Sockets;

    /// <summary>Our engine's socket for an accepted connection, or <see langword="null"/> for the runtime's sockets.</summary>
    internal EngineSocket? CreateEngineSocket(Socket socket)
    {
        if (Uring is { } uring)
        {
            return new UringSocket(socket, uring.Next());
        }

        if (Epoll is not { } epoll)
        {
            return null;
        }

        var engineSocket = new EpollSocket(socket, epoll.Next());
        int errno = engineSocket.Loop.Register(engineSocket);
        if (errno != 0)
        {
            throw new SocketException((int)SocketError.SocketError, $"epoll_ctl failed: errno {errno}");
        }

        return engineSocket;
    }

    internal System.IO.Pipelines.PipeOptions InputPipeOptions { get; }

    internal System.IO.Pipelines.PipeOptions OutputPipeOptions { get; }

    /// <summary>Raised (on the accept loop) after a connection was registered; lets tests line up with the heartbeat.</summary>
    internal event Action<ConnectionId>? ConnectionAccepted;

    /// <summary>Binds, listens and starts the accept loop and the heartbeat.</summary>
    /// <exception cref="SocketException">The endpoint cannot be bound.</exception>
    public void Start()
    {
        if (_listenSocket is not null)
        {
            throw new InvalidOperationException("The listener is already started.");
        }

        switch (Options.IoEngine)
        {
            case TransportIoEngine.Epoll:
                Epoll = EpollEngine.TryGet(Options.EpollLoops, out string? noEpoll)
                    ?? throw new InvalidOperationException($"Arena:Transport:IoEngine is Epoll, but epoll is not available: {noEpoll}");
                break;
            case TransportIoEngine.IoUring:
                Uring = UringEngine.TryGet(Options.IoUringRings, out string? noUring)
                    ?? throw new InvalidOperationException($"Arena:Transport:IoEngine is IoUring, but io_uring is not available: {noUring}");
                break;
            case TransportIoEngine.Auto:
                Epoll = EpollEngine.TryGet(Options.EpollLoops, out string? unavailable);
                if (Epoll is null)
                {
                    TransportLog.EngineUnavailable(Logger, "epoll", unavailable ?? "unknown");
                }

                break;
        }

        var socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (_endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(_endPoint);
            socket.Listen(_backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _listenSocket = socket;
        _localEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        TransportLog.ListenerStarted(Logger, _localEndPoint, IsTls, IoEngine);
        _heartbeat.Start();
        _acceptLoop = AcceptLoopAsync(socket);
    }

    /// <summary>Stops accepting, closes every WebSocket with (<paramref name="closeCode"/>, <paramref name="reason"/>),
    /// waits up to <see cref="TransportOptions.CloseTimeout"/> for the replies, then aborts what is left.</summary>
    /// <param name="closeCode">The close code for open WebSockets, e.g. 1001 or 4001.</param>
    /// <param name="reason">The close reason.</param>
    /// <param name="cancellationToken">Cuts the wait short: remaining connections are aborted at once.</param>
    /// <returns>A task that completes when every connection has ended.</returns>
    public async Task StopAsync(ushort closeCode, string reason, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            await _acceptLoop.ConfigureAwait(false);
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listenSocket?.Dispose();
        await _acceptLoop.ConfigureAwait(false);

        TransportLog.ListenerStopping(Logger, _localEndPoint ?? _endPoint, closeCode, _connections.Count);
        List<Task> open = [];
        foreach (TransportConnection connection in _connections.Values)
        {
            connection.BeginShutdown(closeCode, reason);
            open.Add(connection.Completion);
        }

        try
        {
            await Task.WhenAll(open).WaitAsync(Options.CloseTimeout, Time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            foreach (TransportConnection connection in _connections.Values)
            {
                connection.Abort();
            }

            await Task.WhenAll(open).ConfigureAwait(false);
        }
        finally
        {
            _heartbeat.Dispose();
        }
    }

    /// <summary>Stops with 1001 (going away) if <see cref="StopAsync"/> was not called, and releases the certificate.</summary>
    /// <returns>A task that completes when every connection has ended.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(WebSocketCloseCodes.GoingAway, "server stopping", CancellationToken.None).ConfigureAwait(false);
        _heartbeat.Dispose();
        _stopping.Dispose();
        Senders.Dispose();
        Certificate?.Dispose();
    }

    internal void LogDrop(ConnectionId id, CloseReason reason, string detail)
    {
        if (_dropWarnings.ShouldLog())
        {
            TransportLog.ConnectionDropped(Logger, id, reason, detail);
        }
    }

    internal bool TryGetConnection(ConnectionId id, out TransportConnection? connection)
        => _connections.TryGetValue(id.Value, out connection);

    private async Task AcceptLoopAsync(Socket listenSocket)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listenSocket.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (!_stopping.IsCancellationRequested)
            {
                // A connection reset before accept completed concerns that client only (Kestrel does the same).
                if (ex.SocketErrorCode is not (SocketError.ConnectionReset or SocketError.ConnectionAborted))
                {
                    TransportLog.AcceptFailed(Logger, _localEndPoint!, ex);
                    try
                    {
                        // E.g. out of file descriptors: back off briefly instead of spinning on the same error.
                        await Task.Delay(TimeSpan.FromMilliseconds(50), Time, _stopping.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                continue;
            }
            catch (SocketException)
            {
                return;
            }

            try
            {
                socket.NoDelay = true; // small game frames must not wait for Nagle
            }
            catch (SocketException)
            {
                // Reset between accept and here: that client is gone; the loop must not be.
                socket.Dispose();
                continue;
            }

            if (Interlocked.Increment(ref _active) > Options.MaxConnections)
            {
                Interlocked.Decrement(ref _active);
                Metrics?.HandshakeRejected("connection_limit");
                if (_limitWarnings.ShouldLog())
                {
                    TransportLog.ConnectionLimitReached(Logger, Options.MaxConnections);
                }

                _ = RejectAsync(socket);
                continue;
            }

            var id = new ConnectionId(Interlocked.Increment(ref _nextId));
            CancellationToken stopping = _stopping.Token;
            TransportConnection connection;
            try
            {
                connection = new TransportConnection(this, id, socket);
            }
            catch (SocketException ex)
            {
                // Our engine could not take the socket (epoll_ctl failed): that client is dropped; the loop goes on.
                TransportLog.AcceptFailed(Logger, _localEndPoint!, ex);
                Interlocked.Decrement(ref _active);
                socket.Dispose();
                continue;
            }

            _connections[id.Value] = connection;
            ConnectionAccepted?.Invoke(id);

            // Off the accept loop: TLS, parsing and the application's handler must never delay the next accept.
            ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Connection.RunAsync(state.Handler, state.Stopping),
                (Connection: connection, Handler: _handler, Stopping: stopping), preferLocal: false);
        }
    }

    internal void OnConnectionClosed(TransportConnection connection)
    {
        _connections.TryRemove(connection.Id.Value, out _);
        Interlocked.Decrement(ref _active);
    }

    /// <summary>Answers 503 past <see cref="TransportOptions.MaxConnections"/> without spending a connection slot.</summary>
    private async Task RejectAsync(Socket socket)
    {
        try
        {
            var response = new ArrayBufferWriter<byte>(160);
            HttpResponseWriter.WriteError(response, 503, "server at connection limit");
            await socket.SendAsync(response.WrittenMemory, SocketFlags.None).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);

            // Read until the client's FIN so closing does not reset the connection before the 503 is read.
            using var timeout = new CancellationTokenSource(Options.CloseTimeout, Time);
            byte[] scratch = ArrayPool<byte>.Shared.Rent(512);
            try
            {
                while (await socket.ReceiveAsync(scratch, SocketFlags.None, timeout.Token).ConfigureAwait(false) > 0)
                {
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
        catch (Exception ex) when (SocketConnection.IsConnectionError(ex))
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    private void OnHeartbeat(long now)
    {
        foreach (TransportConnection connection in _connections.Values)
        {
            connection.OnHeartbeat(now);
        }
    }
}
