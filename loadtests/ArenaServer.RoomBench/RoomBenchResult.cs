using System.Globalization;
using System.Text;

namespace ArenaServer.RoomBench;

/// <summary>What one run measured; durations in microseconds.</summary>
internal sealed record RoomBenchResult(RoomBenchOptions Options, double WallSeconds, long TicksExpected, long TicksRun,
    long TicksSkipped, long Overruns, long CatchUpWakeups, long TickP50, long TickP99, long TickMax, double TickMean,
    long LatenessP50, long LatenessP99, long LatenessMax, double LatenessWithin2Ms, long AllocatedInTicks, long AllocatedByTickThreads,
    long AllocatedByDriver, long AllocatedByProcess, int Gen0, int Gen1, int Gen2, double ProcessCpuSeconds,
    double TickThreadCpuSeconds, double DriverCpuSeconds, long Snapshots, long Messages, long BytesOut, long InputsQueued,
    long InputsDropped, long LateDriverRounds, int ClosedSinks, int RoomsClosed, string LoadAverageStart,
    string LoadAverageEnd)
{
    /// <summary>Issue 4's targets.</summary>
    public const long TargetTickP99 = 2000;

    /// <summary>Issue 4's targets.</summary>
    public const long TargetLatenessP99 = 2000;

    public double AllocatedPerTick => TicksRun == 0 ? 0 : AllocatedInTicks / (double)TicksRun;

    public double ThreadAllocatedPerTick => TicksRun == 0 ? 0 : AllocatedByTickThreads / (double)TicksRun;

    public bool Healthy => RoomsClosed == 0 && ClosedSinks == 0 && TicksRun > 0;

    public string ToMarkdown(AllocationBreakdownResult breakdown)
    {
        var text = new StringBuilder();
        void Row(string metric, string value, string target = "", bool? met = null)
            => text.Append(CultureInfo.InvariantCulture,
                $"| {metric} | {value} | {target} | {(met is null ? string.Empty : met.Value ? "yes" : "**no**")} |\n");
        static string Ms(double micros) => (micros / 1000.0).ToString("0.000", CultureInfo.InvariantCulture) + " ms";
        static string N(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

        Options.Deconstruct(out int rooms, out int players, out int json, out int rate, out int threads, out int warmup, out int seconds,
            out bool aligned);
        text.Append(CultureInfo.InvariantCulture,
            $"{rooms:N0} rooms × {players} players ({json} JSON) at {rate} Hz, {threads} tick threads, room phases {(aligned ? "aligned" : "spread")}, {warmup} s warm-up, {seconds} s measured; load average {LoadAverageStart} → {LoadAverageEnd}\n\n");
        text.Append("| metric | value | target | met |\n| --- | ---: | ---: | :---: |\n");
        Row("tick duration p50", Ms(TickP50));
        Row("tick duration p99", Ms(TickP99), "≤ 2 ms", TickP99 <= TargetTickP99);
        Row("tick duration max / mean", $"{Ms(TickMax)} / {Ms(TickMean)}");
        Row("tick start lateness p50", Ms(LatenessP50));
        Row("tick start lateness p99", Ms(LatenessP99), "≤ 2 ms", LatenessP99 <= TargetLatenessP99);
        Row("tick start lateness max", Ms(LatenessMax));
        Row("ticks started ≤ 2 ms late", (LatenessWithin2Ms * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %");
        Row("allocated per tick, tick threads (engine + room code)", $"{N(AllocatedPerTick, "0.0")} B");
        Row("… of which room code (CreateSnapshot + Hit), per tick", $"{N(breakdown.RoomCodePerTick, "0.0")} B");
        Row("… the rest (engine, live: the rooms' listing summary, one RoomInfo per room per second)",
            $"{N(Math.Max(0, AllocatedPerTick - breakdown.RoomCodePerTick), "0.0")} B");
        Row("engine alone, per tick (one room ticked by hand, room code subtracted)", $"{N(breakdown.EnginePerTick, "0.0")} B", "0 B",
            breakdown.EnginePerTick < 1);
        Row("allocated per tick (whole tick threads, loop included)", $"{N(ThreadAllocatedPerTick, "0.0")} B");
        Row("allocated by the input driver (decoded inputs)", $"{N(AllocatedByDriver / 1024.0 / 1024.0, "0.0")} MiB");
        Row("allocated by the process (GC.GetTotalAllocatedBytes)", $"{N(AllocatedByProcess / 1024.0 / 1024.0, "0.0")} MiB");
        Row("GCs gen0 / gen1 / gen2", $"{Gen0} / {Gen1} / {Gen2}");
        Row("ticks run / expected", $"{N(TicksRun)} / {N(TicksExpected)}");
        Row("ticks skipped (catch-up cap) / overruns", $"{N(TicksSkipped)} / {N(Overruns)}");
        Row("wake-ups that caught up (>1 tick)", N(CatchUpWakeups));
        Row("snapshots delivered / messages (Hit)", $"{N(Snapshots)} / {N(Messages)}");
        Row("bytes framed for players", $"{N(BytesOut / 1024.0 / 1024.0, "0.0")} MiB");
        Row("inputs queued / dropped", $"{N(InputsQueued)} / {N(InputsDropped)}");
        Row("driver rounds late", N(LateDriverRounds));
        Row("CPU: process / tick threads / driver",
            $"{Pct(ProcessCpuSeconds)} / {Pct(TickThreadCpuSeconds)} / {Pct(DriverCpuSeconds)} of one core");
        Row("rooms closed / players closed", $"{RoomsClosed} / {ClosedSinks}");
        return text.ToString();
    }

    private string Pct(double cpuSeconds)
        => (cpuSeconds / WallSeconds * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
