using System.Net;
using System.Net.Sockets;

namespace ArenaServer.Testing.Latency;

/// <summary>One client connection through a <see cref="LatencyProxy"/>: the accepted socket, its upstream socket and a
/// <see cref="DelayedPump"/> per direction.</summary>
/// <remarks>Ends when both directions have delivered their FIN, or at once (with a reset on both sides) when either
/// side fails or the proxy is disposed. <see cref="Abort"/> may be called from any thread, more than once.</remarks>
internal sealed class ProxiedConnection
{
    private readonly Socket _client;
    private readonly Socket _upstream;
    private readonly IPEndPoint _upstreamEndPoint;

    // Never disposed: it has no timer, and Abort may race with the end of RunAsync.
    private readonly CancellationTokenSource _aborted = new();
    private readonly DelayedPump _toUpstream;
    private readonly DelayedPump _toClient;
    private int _closed;

    public ProxiedConnection(Socket client, IPEndPoint upstream, LatencyProxyOptions options, TimeProvider time, long number)
    {
        // Small writes (pings, pongs) must not wait for Nagle's algorithm: the proxy adds only the delay asked for.
        client.NoDelay = true;
        _client = client;
        _upstreamEndPoint = upstream;
        _upstream = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        int seed = unchecked((options.Seed * 1_000_003) + ((int)number * 2));
        _toUpstream = new DelayedPump(_client, _upstream, options, time, seed);
        _toClient = new DelayedPump(_upstream, _client, options, time, seed + 1);
    }

    /// <summary>Gets the bytes held in both directions, waiting out their delay.</summary>
    public long BufferedBytes => _toUpstream.BufferedBytes + _toClient.BufferedBytes;

    /// <summary>Connects upstream, then relays until both directions are finished or the connection is aborted;
    /// never throws.</summary>
    public async Task RunAsync()
    {
        try
        {
            await _upstream.ConnectAsync(_upstreamEndPoint, _aborted.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // No server (or aborted while connecting): the client sees a reset, as it would without the proxy.
            Abort();
            return;
        }

        Task up = PumpAsync(_toUpstream);
        Task down = PumpAsync(_toClient);
        await Task.WhenAll(up, down).ConfigureAwait(false);
        Close(abortive: false);
    }

    /// <summary>Resets both sockets and stops both directions.</summary>
    public void Abort() => Close(abortive: true);

    private async Task PumpAsync(DelayedPump pump)
    {
        try
        {
            await pump.RunAsync(_aborted.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A reset on one side is forwarded as a reset on the other, as a real network path would.
            Abort();
        }
    }

    private void Close(bool abortive)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        if (abortive)
        {
            _aborted.Cancel();
        }

        CloseSocket(_client, abortive);
        CloseSocket(_upstream, abortive);
    }

    private static void CloseSocket(Socket socket, bool abortive)
    {
        try
        {
            if (abortive)
            {
                // Linger 0 makes Close send RST instead of FIN.
                socket.LingerState = new LingerOption(true, 0);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer or by us.
        }

        socket.Dispose();
    }
}
