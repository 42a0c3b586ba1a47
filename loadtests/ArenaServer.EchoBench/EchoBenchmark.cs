using System.Diagnostics;
using ArenaServer.EchoBench.Epoll;

namespace ArenaServer.EchoBench;

/// <summary>
/// Echo: every connection runs a closed loop (send one binary message, await its echo, repeat) through a warm-up and
/// a measured window; each round trip of the window goes into a histogram.
/// </summary>
internal sealed class EchoBenchmark(
    LoopbackTarget target,
    string server,
    int connections,
    int messageSize,
    TimeSpan warmUp,
    TimeSpan duration,
    int? serverPid,
    BenchClient client,
    int clientThreads,
    int clientSpinMicroseconds)
{
    private readonly RunPhase _phase = new();

    public async Task<EchoResult> RunAsync(CancellationToken cancellationToken)
    {
        await using IEchoClient loops = client == BenchClient.Epoll
            ? await EpollEchoClient.OpenAsync(target, connections, messageSize, clientThreads, clientSpinMicroseconds, cancellationToken)
            : await SocketEchoClient.OpenAsync(target, connections, messageSize, cancellationToken);
        loops.Start(_phase, cancellationToken);

        await Task.Delay(warmUp, cancellationToken);
        double serverCpuStart = serverPid is int pid ? ProcessStats.CpuSeconds(pid) : 0;
        double clientCpuStart = ProcessStats.CpuSeconds(Environment.ProcessId);
        long start = Stopwatch.GetTimestamp();
        _phase.MoveTo(RunPhase.Measuring);

        await Task.Delay(duration, cancellationToken);
        _phase.MoveTo(RunPhase.Stopped);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        double serverCpu = serverPid is int pid2 ? ProcessStats.CpuSeconds(pid2) - serverCpuStart : 0;
        double clientCpu = ProcessStats.CpuSeconds(Environment.ProcessId) - clientCpuStart;

        ClientLoops ended = await loops.StopAsync();
        LatencyHistogram all = ended.Histogram;
        return new EchoResult(server, connections, messageSize, elapsed.TotalSeconds, all.Count,
            all.Count / elapsed.TotalSeconds, Micros(all.ValueAtPercentile(50)), Micros(all.ValueAtPercentile(99)),
            Micros(all.ValueAtPercentile(99.9)), Micros(all.Count == 0 ? 0 : all.Max), all.Mean / 1000.0, ended.Failed,
            serverCpu, clientCpu, ended.FirstError)
        {
            Client = client.ToString().ToLowerInvariant(),
        };
    }

    private static double Micros(long nanoseconds) => nanoseconds / 1000.0;
}
