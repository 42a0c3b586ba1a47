using System.Diagnostics;
using System.Text.Json;

namespace ArenaServer.EchoBench;

/// <summary>
/// Idle memory: the server's RSS (VmRSS) before and after N WebSocket connections that completed the handshake and
/// then only answer Pings. A server cannot be told to collect garbage, so each reading is the minimum of several
/// samples after the connections settled (which includes at least one ping round of our server, 2 s by default).
/// Servers with a <c>/stats</c> route (<see cref="ManagedHeapStats"/>: the Kestrel peer, EchoBench's transport server)
/// also report the managed heap per connection after a forced full GC.
/// </summary>
internal sealed class IdleMemoryBenchmark
{
    private const int Samples = 8;
    private static readonly TimeSpan s_sampleInterval = TimeSpan.FromMilliseconds(250);

    private readonly LoopbackTarget _target;
    private readonly string _server;
    private readonly int _connections;
    private readonly TimeSpan _settle;
    private readonly int _serverPid;
    private readonly Uri? _statsUri;

    public IdleMemoryBenchmark(LoopbackTarget target, string server, int connections, TimeSpan settle, int serverPid,
        string? statsPath)
    {
        _statsUri = statsPath is null ? null : new Uri($"http://{target.EndPoint}{statsPath}");
        _target = target;
        _server = server;
        _connections = connections;
        _settle = settle;
        _serverPid = serverPid;
    }

    public async Task<IdleMemoryResult> RunAsync(CancellationToken cancellationToken)
    {
        // Warm up with the measured workload's own shape, so that what a long-running server has anyway is in the
        // baseline, not in the delta: JIT tier-1 code for the handshake, ping and idle paths (tiering up during the
        // measured burst cost ~10 MB of native RSS, ~1 KB per connection at 10,000, on both servers), pools, and a
        // GC heap that has been through collections (its gen0 allocation budget committed). A quarter of the
        // connections (at least 200) are opened, kept idle through the same settle time (ping rounds included), then
        // closed.
        int warmUpCount = Math.Max(200, _connections / 4);
        (RawWebSocket?[] warmUp, _, _) = await ConnectionOpener.OpenAsync(_target, warmUpCount, 0, cancellationToken);
        IdleHolder warmUpHolder = IdleHolder.Start(warmUp, cancellationToken);
        await Task.Delay(_settle, cancellationToken);
        await warmUpHolder.StopAsync();
        await ConnectionOpener.CloseAllAsync(warmUp);
        await Task.Delay(_settle, cancellationToken);

        long? managedBefore = await ManagedBytesAsync(cancellationToken);
        long before = await MinimumRssAsync(cancellationToken);
        int threadsBefore = ProcessStats.Threads(_serverPid);
        long start = Stopwatch.GetTimestamp();
        (RawWebSocket?[] sockets, int failed, string? firstError) =
            await ConnectionOpener.OpenAsync(_target, _connections, 0, cancellationToken);
        double openSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        IdleHolder holder = IdleHolder.Start(sockets, cancellationToken);
        try
        {
            await Task.Delay(_settle, cancellationToken);
            long after = await MinimumRssAsync(cancellationToken);
            int threadsAfter = ProcessStats.Threads(_serverPid);
            long? managedAfter = await ManagedBytesAsync(cancellationToken);
            long? rssAfterGc = _statsUri is null ? null : ProcessStats.ResidentBytes(_serverPid);
            int open = _connections - failed - holder.Lost;
            return new IdleMemoryResult(_server, _connections, open, before, after,
                open == 0 ? 0 : (after - before) / (double)open, threadsBefore, threadsAfter, openSeconds, failed,
                firstError, open == 0 ? null : (managedAfter - managedBefore) / (double)open, rssAfterGc, warmUpCount);
        }
        finally
        {
            await holder.StopAsync();
            await ConnectionOpener.CloseAllAsync(sockets);
        }
    }

    private async Task<long?> ManagedBytesAsync(CancellationToken cancellationToken)
    {
        if (_statsUri is null)
        {
            return null;
        }

        using HttpClient client = new() { Timeout = TimeSpan.FromSeconds(30) };
        using Stream body = await client.GetStreamAsync(_statsUri, cancellationToken);
        using JsonDocument document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("managedBytes").GetInt64();
    }

    private async Task<long> MinimumRssAsync(CancellationToken cancellationToken)
    {
        long minimum = long.MaxValue;
        for (int i = 0; i < Samples; i++)
        {
            minimum = Math.Min(minimum, ProcessStats.ResidentBytes(_serverPid));
            await Task.Delay(s_sampleInterval, cancellationToken);
        }

        return minimum;
    }
}
