using System.Net;
using ArenaServer.Server.Metrics;
using ArenaServer.Server.Options;
using ArenaServer.Server.Rooms;
using ArenaServer.Server.Routing;
using ArenaServer.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Hosting;

/// <summary>Owns the listener for the generic host: binds it on start, and on stop (SIGTERM, Ctrl+C) closes every
/// WebSocket with 1001 Going Away (RFC 6455 §7.4.1) before the process exits.</summary>
/// <remarks>Stop order: draining (<c>/healthz</c> 503, new game upgrades refused), then every room closes — players get
/// 1001, each seat its <c>OnLeft(ServerShutdown)</c>, each room its <c>OnClosingAsync</c> to persist results — and
/// only then the listener closes the remaining connections (echo, lobby) with 1001; all within
/// <c>Server:ShutdownTimeout</c>.</remarks>
/// <remarks>The host calls <see cref="StartAsync"/> and <see cref="StopAsync"/> once each, sequentially.</remarks>
internal sealed class ArenaServerHostedService : IHostedService, IAsyncDisposable
{
    private const ushort GoingAway = 1001; // RFC 6455 §7.4.1: the server is going down.

    private readonly ListenOptions _listen;
    private readonly TransportOptions _transport;
    private readonly TlsOptions _tls;
    private readonly ConformanceOptions _conformance;
    private readonly ServerOptions _server;
    private readonly ArenaRequestRouter _router;
    private readonly ArenaServerAddresses _addresses;
    private readonly ArenaServerLifecycle _lifecycle;
    private readonly ArenaMetrics _metrics;
    private readonly TickThreadPool _rooms;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private ArenaListener? _listener;

    public ArenaServerHostedService(IOptions<ListenOptions> listen, IOptions<TransportOptions> transport, IOptions<TlsOptions> tls,
        IOptions<ConformanceOptions> conformance, IOptions<ServerOptions> server, ArenaRequestRouter router,
        ArenaServerAddresses addresses, ArenaServerLifecycle lifecycle, ArenaMetrics metrics, TickThreadPool rooms,
        ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _listen = listen.Value;
        _transport = transport.Value;
        _tls = tls.Value;
        _conformance = conformance.Value;
        _server = server.Value;
        _router = router;
        _addresses = addresses;
        _lifecycle = lifecycle;
        _metrics = metrics;
        _rooms = rooms;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<ArenaServerHostedService>();
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(_listen.Address), _listen.Port);
        TlsOptions? tls = string.IsNullOrEmpty(_tls.CertificatePath) ? null : _tls;
        var listener = new ArenaListener(endPoint, _transport, _router, _loggerFactory, _timeProvider, tls, _listen.Backlog)
        {
            Metrics = _metrics.Transport,
        };
        try
        {
            listener.Start();
        }
        catch
        {
            // A port in use: release the certificate and timers before the host reports the failure.
            await listener.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _listener = listener;
        _addresses.SetBound(listener.LocalEndPoint, listener.IsTls);

        if (!Directory.Exists(_router.StaticRoot))
        {
            ServerLog.StaticRootMissing(_logger, _router.StaticRoot);
        }

        if (_conformance.EchoEnabled)
        {
            ServerLog.EchoEnabled(_logger, _conformance.EchoMaxMessageSize);
        }

        ServerLog.Listening(_logger, _addresses.HttpUri!, _addresses.Mode);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _lifecycle.BeginDraining(); // /healthz answers 503 draining from here on
        ArenaListener? listener = Interlocked.Exchange(ref _listener, null);
        if (listener is null)
        {
            return;
        }

        ServerLog.ShuttingDown(_logger, listener.ActiveConnections, GoingAway);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_server.ShutdownTimeout);
        try
        {
            try
            {
                await _rooms.ShutdownRoomsAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Rooms that did not finish persisting in time lose out; the sockets still close below.
                ServerLog.RoomsShutdownTimedOut(_logger, _server.ShutdownTimeout);
            }

            await listener.StopAsync(GoingAway, "server shutting down", deadline.Token).ConfigureAwait(false);
        }
        finally
        {
            await listener.DisposeAsync().ConfigureAwait(false);
            _addresses.Clear();
            ServerLog.Stopped(_logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ArenaListener? listener = Interlocked.Exchange(ref _listener, null);
        if (listener is not null)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }
    }
}
