using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ArenaServer.Testing.Latency;

/// <summary>A TCP relay on loopback that adds a configurable one-way delay and jitter to every chunk in both
/// directions, for latency tests (issue 5): point a client at <see cref="EndPoint"/> instead of the server.</summary>
/// <remarks>Test infrastructure: it runs in real time (delays are timers of the given <see cref="TimeProvider"/>),
/// preserves byte order in each direction like TCP (a chunk is delivered at <c>max(previous delivery, arrival +
/// delay)</c>), forwards FIN and resets, and bounds its buffering (<see cref="LatencyProxyOptions.MaxBufferedBytes"/>).
/// Only loopback upstreams are accepted, so tests can never relay traffic off the machine. Members may be called from
/// any thread; dispose it once.</remarks>
/// <example>
/// <code>
/// await using LatencyProxy proxy = await LatencyProxy.StartAsync(server.EndPoint,
///     new LatencyProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(50) });
/// using var client = new ClientWebSocket();
/// await client.ConnectAsync(new Uri($"ws://{proxy.EndPoint}/ws"), cancellationToken);   // RTT is now ~100 ms more
/// </code>
/// </example>
public sealed class LatencyProxy : IAsyncDisposable
{
    private readonly Socket _listenSocket;
    private readonly LatencyProxyOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, ProxiedConnection> _connections = new();
    private readonly ConcurrentDictionary<long, Task> _running = new();
    private Task _acceptLoop = Task.CompletedTask;
    private long _accepted;
    private int _disposed;

    private LatencyProxy(Socket listenSocket, IPEndPoint upstream, LatencyProxyOptions options, TimeProvider time)
    {
        _listenSocket = listenSocket;
        Upstream = upstream;
        _options = options;
        _time = time;
        EndPoint = (IPEndPoint)listenSocket.LocalEndPoint!;
    }

    /// <summary>Gets the proxy's own endpoint, <c>127.0.0.1</c> with a port chosen by the operating system.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Gets the server every accepted connection is relayed to.</summary>
    public IPEndPoint Upstream { get; }

    /// <summary>Gets how many client connections were accepted so far.</summary>
    public long AcceptedConnections => Interlocked.Read(ref _accepted);

    /// <summary>Gets the bytes currently held by all connections, waiting out their delay (a diagnostic for tests of
    /// the buffering bound).</summary>
    public long BufferedBytes => _connections.Values.Sum(connection => connection.BufferedBytes);

    /// <summary>Starts listening on <c>127.0.0.1:0</c> and relaying each accepted connection to
    /// <paramref name="upstream"/>.</summary>
    /// <param name="upstream">The server to relay to; must be a loopback address.</param>
    /// <param name="options">Delay, jitter, seed and buffering; <see langword="null"/> relays without delay.</param>
    /// <param name="timeProvider">The timers that hold the chunks; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running proxy.</returns>
    /// <exception cref="ArgumentException"><paramref name="upstream"/> is not a loopback address.</exception>
    public static Task<LatencyProxy> StartAsync(IPEndPoint upstream, LatencyProxyOptions? options = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        if (!IPAddress.IsLoopback(upstream.Address))
        {
            throw new ArgumentException($"The latency proxy relays only to loopback, not to {upstream}.", nameof(upstream));
        }

        options ??= new LatencyProxyOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var listenSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listenSocket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listenSocket.Listen(128);
        }
        catch
        {
            listenSocket.Dispose();
            throw;
        }

        var proxy = new LatencyProxy(listenSocket, upstream, options, timeProvider ?? TimeProvider.System);
        proxy._acceptLoop = proxy.AcceptLoopAsync();
        return Task.FromResult(proxy);
    }

    /// <summary>Stops accepting, resets every relayed connection and waits for their loops to end.</summary>
    /// <returns>A task that completes when everything is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _listenSocket.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (ProxiedConnection connection in _connections.Values)
        {
            connection.Abort();
        }

        await Task.WhenAll(_running.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listenSocket.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            long number = Interlocked.Increment(ref _accepted);
            ProxiedConnection connection;
            try
            {
                connection = new ProxiedConnection(client, Upstream, _options, _time, number);
            }
            catch (SocketException)
            {
                // The client reset before we could configure its socket; nothing to relay.
                client.Dispose();
                continue;
            }

            _connections[number] = connection;
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _running[number] = RelayAsync(connection, number, registered.Task);
            registered.SetResult();
        }
    }

    private async Task RelayAsync(ProxiedConnection connection, long number, Task registered)
    {
        // The accept loop registers this task before the relay may finish and unregister it.
        await registered.ConfigureAwait(false);
        await connection.RunAsync().ConfigureAwait(false);
        _connections.TryRemove(number, out _);
        _running.TryRemove(number, out _);
    }
}
