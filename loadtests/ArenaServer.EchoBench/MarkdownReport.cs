using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ArenaServer.EchoBench;

/// <summary>
/// Turns the JSON lines of a run into the Markdown tables of docs/benchmarks.md, with the ratios ours/Kestrel.
/// The server labels "ours" and "kestrel" are compared; other labels are listed without a ratio.
/// </summary>
internal static class MarkdownReport
{
    private const string Ours = "ours";
    private const string Kestrel = "kestrel";

    public static string Create(IEnumerable<string> jsonLines, IEnumerable<string>? previousLines, string? commit,
        string? date, string? loadAtStart)
    {
        RunResults run = RunResults.Parse(jsonLines);
        RunResults? previous = previousLines is null ? null : RunResults.Parse(previousLines);
        StringBuilder text = new();
        text.AppendLine(Invariant($"Run {date ?? DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}, commit `{commit ?? "?"}`, {Machine()}."));
        if (loadAtStart is not null && File.Exists("/proc/loadavg"))
        {
            string loadAtEnd = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            text.AppendLine(Invariant($"Load average (1/5/15 min) at start {loadAtStart}, at end {loadAtEnd}: other work shared the cores."));
        }

        string[] clients = run.Echo.Select(r => r.Client).Concat(run.FanOut.Select(r => r.Client)).Distinct().ToArray();
        if (clients.Length > 0)
        {
            text.AppendLine(Invariant($"Load client (echo, fan-out): {string.Join(", ", clients)}."));
        }

        text.AppendLine();
        AppendEcho(text, run, previous);
        AppendFanOut(text, run, previous);
        AppendIdle(text, run, previous);
        return text.ToString();
    }

    private static void AppendEcho(StringBuilder text, RunResults run, RunResults? previous)
    {
        List<EchoResult> results = run.Echo;
        if (results.Count == 0)
        {
            return;
        }

        text.AppendLine("### Echo round trip and throughput vs Kestrel");
        text.AppendLine();
        text.AppendLine("| conns | size | ours msg/s | Kestrel msg/s | ratio | ours p50 / p99 µs | Kestrel p50 / p99 µs | p99 ours/Kestrel | ours / Kestrel server CPU µs/msg | target (≥ 1.5×, p99 ≤) |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |");
        foreach (var group in results.GroupBy(r => (r.Connections, r.MessageSize)).OrderBy(g => g.Key.Connections).ThenBy(g => g.Key.MessageSize))
        {
            EchoResult? ours = run.MedianEcho(Ours, group.Key.Connections, group.Key.MessageSize);
            EchoResult? kestrel = run.MedianEcho(Kestrel, group.Key.Connections, group.Key.MessageSize);
            double? ratio = ours is not null && kestrel is not null ? ours.MessagesPerSecond / kestrel.MessagesPerSecond : null;
            double? p99Ratio = ours is not null && kestrel is not null ? ours.P99Microseconds / kestrel.P99Microseconds : null;
            string met = ratio is null ? "—" : ratio >= 1.5 && p99Ratio <= 1.0 ? "met" : "missed";
            text.AppendLine(Invariant(
                $"| {group.Key.Connections} | {Size(group.Key.MessageSize)} | {Rate(ours)} | {Rate(kestrel)} | {Ratio(ratio)} | {Latency(ours)} | {Latency(kestrel)} | {Ratio(p99Ratio)} | {Cpu(ours)} / {Cpu(kestrel)} | {met} |"));
        }

        if (previous is not null)
        {
            text.AppendLine();
            text.AppendLine("Vs the previous run, throughput (geometric mean over the configurations both runs have): " + string.Join(", ",
                new[] { Ours, Kestrel }.Select(server => Invariant($"{server} {Ratio(GeometricMean(results.Select(r => (r.Connections, r.MessageSize)).Distinct().Select(c =>
                    run.MedianEcho(server, c.Connections, c.MessageSize) is EchoResult now && previous.MedianEcho(server, c.Connections, c.MessageSize) is EchoResult then
                        ? now.MessagesPerSecond / then.MessagesPerSecond
                        : (double?)null)))}"))) + ".");
        }

        foreach (EchoResult failed in results.Where(r => r.FailedConnections > 0))
        {
            text.AppendLine();
            text.AppendLine(Invariant($"{failed.Server}, {failed.Connections} × {failed.MessageSize} B: {failed.FailedConnections} connections failed ({failed.FirstError})."));
        }

        text.AppendLine();
    }

    private static void AppendFanOut(StringBuilder text, RunResults run, RunResults? previous)
    {
        List<FanOutResult> results = run.FanOut;
        if (results.Count == 0)
        {
            return;
        }

        text.AppendLine("### Fan-out");
        text.AppendLine();
        text.AppendLine("| server | conns | size | broadcasts in flight | broadcasts | frames/s | server CPU µs/frame | ms per broadcast | delivery p50 / p99 ms |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (FanOutResult r in results.OrderBy(r => r.Window).ThenBy(r => r.Server, StringComparer.Ordinal))
        {
            text.AppendLine(Invariant(
                $"| {r.Server} | {r.Connections} | {Size(r.MessageSize)} | {r.Window} | {r.Rounds} | {r.FramesPerSecond:N0} | {r.ServerCpuMicrosecondsPerFrame:F2} | {r.MeanRoundMicroseconds / 1000:F2} | {r.DeliveryP50Microseconds / 1000:F2} / {r.DeliveryP99Microseconds / 1000:F2} |"));
        }

        text.AppendLine();
        foreach (IGrouping<int, FanOutResult> window in results.GroupBy(r => r.Window).OrderBy(g => g.Key))
        {
            FanOutResult? ours = run.MedianFanOut(Ours, window.Key);
            FanOutResult? kestrel = run.MedianFanOut(Kestrel, window.Key);
            if (ours is not null && kestrel is not null)
            {
                double rate = ours.FramesPerSecond / kestrel.FramesPerSecond;
                double cpu = kestrel.ServerCpuMicrosecondsPerFrame / ours.ServerCpuMicrosecondsPerFrame;
                text.AppendLine(Invariant(
                    $"{window.Key} in flight, ours/Kestrel: **{rate:F2}×** frames/s, **{cpu:F2}×** less server CPU per frame (target ≥ 2×: {(rate >= 2 ? "met" : "missed")})."));
                text.AppendLine();
            }

            if (previous is not null)
            {
                text.AppendLine(Invariant($"{window.Key} in flight vs the previous run, frames/s: ") + string.Join(", ",
                    new[] { Ours, Kestrel }.Select(server => Invariant($"{server} {Ratio(run.MedianFanOut(server, window.Key) is FanOutResult now && previous.MedianFanOut(server, window.Key, now.Connections) is FanOutResult then ? now.FramesPerSecond / then.FramesPerSecond : null)}"))) + ".");
                text.AppendLine();
            }
        }
    }

    private static void AppendIdle(StringBuilder text, RunResults run, RunResults? previous)
    {
        List<IdleMemoryResult> results = run.Idle;
        if (results.Count == 0)
        {
            return;
        }

        text.AppendLine("### Memory per idle connection");
        text.AppendLine();
        text.AppendLine("| server | conns open | RSS before MiB | RSS after MiB | RSS bytes per connection | managed heap bytes per connection (after full GC) | threads before → after | target (≤ 2 KiB) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |");
        foreach (IdleMemoryResult r in results)
        {
            string met = r.Server == Ours ? (r.BytesPerConnection <= 2048 ? "met" : "missed") : "—";
            text.AppendLine(Invariant(
                $"| {r.Server} | {r.OpenConnections:N0} / {r.Connections:N0} | {r.RssBeforeBytes / 1048576.0:F1} | {r.RssAfterBytes / 1048576.0:F1} | {r.BytesPerConnection:N0} | {(r.ManagedBytesPerConnection is double m ? m.ToString("N0", CultureInfo.InvariantCulture) : "—")} | {r.ThreadsBefore} → {r.ThreadsAfter} | {met} |"));
        }

        text.AppendLine();
        foreach (IGrouping<(string Server, int Connections), IdleMemoryResult> server in results.GroupBy(r => (r.Server, r.Connections)))
        {
            IdleMemoryResult median = run.MedianIdle(server.Key.Server, server.Key.Connections)!;
            string target = server.Key.Server == Ours ? (median.BytesPerConnection <= 2048 ? " (target ≤ 2 KiB: met)" : " (target ≤ 2 KiB: missed)") : "";
            text.AppendLine(Invariant(
                $"{server.Key.Server}: median of {server.Count()} run(s) **{median.BytesPerConnection:N0} B** RSS per connection{target}; warm-up {median.WarmUpConnections:N0} connections held idle, then closed, before the baseline."));
            text.AppendLine();
        }

        if (previous is not null)
        {
            text.AppendLine("Vs the previous run, median RSS bytes per connection: " + string.Join(", ", results.Select(r => r.Server).Distinct().Select(server => Invariant(
                $"{server} {Ratio(run.MedianIdle(server, results[0].Connections) is IdleMemoryResult now && previous.MedianIdle(server, now.Connections) is IdleMemoryResult then ? now.BytesPerConnection / then.BytesPerConnection : null)}"))) + ".");
        }

        text.AppendLine();
    }

    private static double? GeometricMean(IEnumerable<double?> ratios)
    {
        double[] values = ratios.Where(r => r is > 0).Select(r => r!.Value).ToArray();
        return values.Length == 0 ? null : Math.Exp(values.Average(Math.Log));
    }

    private static string Rate(EchoResult? r) => r is null ? "—" : Invariant($"{r.MessagesPerSecond:N0}");

    private static string Latency(EchoResult? r) => r is null ? "—" : Invariant($"{r.P50Microseconds:F0} / {r.P99Microseconds:F0}");

    private static string Cpu(EchoResult? r) => r is null || r.RoundTrips == 0 ? "—" : Invariant($"{r.ServerCpuSeconds * 1e6 / r.RoundTrips:F1}");

    private static string Ratio(double? ratio) => ratio is null ? "—" : Invariant($"**{ratio:F2}×**");

    private static string Size(int bytes) => bytes % 1024 == 0 ? Invariant($"{bytes / 1024} KiB") : Invariant($"{bytes} B");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Machine()
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?"
            : "?";
        long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return Invariant($"{Environment.ProcessorCount} vCPU {cpu}, {memory / (1024.0 * 1024 * 1024):F0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    }
}
