using System.Diagnostics;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Samples.Arena;
using ArenaServer.Server.Rooms;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArenaServer.RoomBench;

/// <summary>The live run: the real tick thread pool ticking the sample arena rooms at their rate, with in-memory
/// players and a driver feeding their inputs, measured for a bounded window after a warm-up.</summary>
internal sealed class RoomBenchmark(RoomBenchOptions options)
{
    private const string DriverThreadName = "RoomBench drive";

    /// <summary>The tick threads' name as /proc shows it.</summary>
    public const string TickThreadName = "ArenaServer Tic"; // comm is cut at 15 characters (proc(5))

    public async Task<RoomBenchResult> RunAsync(CancellationToken cancellationToken, Action? onMeasuring = null)
    {
        var roomOptions = new RoomOptions { TickRate = options.TickRate, MaxPlayers = Math.Max(options.Players, 1) };
        roomOptions.ThrowIfInvalid();

        // The same registration and host RoomManager.TryCreate builds; each host is placed on the real pool inside a
        // pass-through that times its wake-ups (MeasuredRoom).
        using var pool = new TickThreadPool(options.TickThreads, TimeProvider.System, NullLogger.Instance);
        var manager = new RoomManager(pool, TimeProvider.System, NullLogger.Instance);
        var registration = new RoomTypeRegistration<ArenaRoom, IArenaInput, IArenaOutput>("arena", roomOptions,
            ArenaMessages.Inputs, ArenaMessages.Outputs, () => new ArenaRoom());
        var hosts = new List<RoomHost<ArenaRoom, IArenaInput, IArenaOutput>>(options.Rooms);
        var sinks = new List<BenchPlayerSink>(options.Rooms * options.Players);
        var joins = new List<Task<SeatOutcome>>(options.Rooms * options.Players);
        var seats = new List<(IRoomHandle Room, BenchPlayerSink Sink)>(options.Rooms * options.Players);
        long createdFrom = Stopwatch.GetTimestamp();
        long interval = Stopwatch.Frequency / options.TickRate;
        for (int r = 0; r < options.Rooms; r++)
        {
            // A room ticks on the grid of the moment it started: spreading creation over one interval spreads the rooms'
            // phases, as in production; --aligned keeps them together so each thread's rooms all fall due at once.
            while (!options.Aligned && Stopwatch.GetTimestamp() < createdFrom + (interval * r / options.Rooms))
            {
                Thread.Sleep(1);
            }

            IRoomHandle room = registration.CreateHost(new RoomId($"bench{r:D5}"), new RoomCreateArgs("arena", default), TimeProvider.System,
                seed: r, NullLogger.Instance, manager);
            hosts.Add((RoomHost<ArenaRoom, IArenaInput, IArenaOutput>)room);
            pool.Place(new MeasuredRoom(room));
            for (int p = 0; p < options.Players; p++)
            {
                var sink = new BenchPlayerSink(p < options.JsonPlayers);
                sinks.Add(sink);
                seats.Add((room, sink));
                joins.Add(room.TryEnqueueJoin(JoinRequest.Anonymous($"r{r}p{p}"), sink));
            }
        }

        SeatOutcome[] outcomes = await Task.WhenAll(joins).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var players = new List<(IRoomHandle Room, Player Player)>(outcomes.Length);
        for (int i = 0; i < outcomes.Length; i++)
        {
            players.Add((seats[i].Room, outcomes[i].Player ?? throw new InvalidOperationException($"Join refused: {outcomes[i].Status}.")));
        }

        var driver = new InputDriver(players, options.TickRate);
        driver.Start();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Warmup), cancellationToken);
            onMeasuring?.Invoke();
            Sample start = Sample.Take(hosts, sinks);
            TickRecorder.Measuring = true;
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds), cancellationToken);
            TickRecorder.Measuring = false;
            Sample end = Sample.Take(hosts, sinks);
            return Summarize(start, end, driver, hosts);
        }
        finally
        {
            TickRecorder.Measuring = false;
            driver.Stop();
            pool.ShutdownRooms();
        }
    }

    private RoomBenchResult Summarize(Sample start, Sample end, InputDriver driver,
        List<RoomHost<ArenaRoom, IArenaInput, IArenaOutput>> hosts)
    {
        var durations = new MicrosecondHistogram();
        var lateness = new MicrosecondHistogram();
        long ticks = 0;
        long catchUps = 0;
        long allocatedInAdvance = 0;
        long allocatedByThreads = 0;
        foreach (TickRecorder recorder in TickRecorder.All)
        {
            durations.Add(recorder.Durations);
            lateness.Add(recorder.Lateness);
            ticks += recorder.Ticks;
            catchUps += recorder.CatchUpWakeups;
            allocatedInAdvance += recorder.AllocatedInAdvance;
            allocatedByThreads += recorder.AllocatedByThread;
        }

        double wall = (end.Wall - start.Wall) / (double)Stopwatch.Frequency;
        return new RoomBenchResult(
            Options: options,
            WallSeconds: wall,
            TicksExpected: (long)(options.Rooms * options.TickRate * wall),
            TicksRun: ticks,
            TicksSkipped: end.Skipped - start.Skipped,
            Overruns: end.Overruns - start.Overruns,
            CatchUpWakeups: catchUps,
            TickP50: durations.Percentile(50),
            TickP99: durations.Percentile(99),
            TickMax: durations.MaxMicroseconds,
            TickMean: durations.Count == 0 ? 0 : durations.SumMicroseconds / durations.Count,
            LatenessP50: lateness.Percentile(50),
            LatenessP99: lateness.Percentile(99),
            LatenessMax: lateness.MaxMicroseconds,
            LatenessWithin2Ms: lateness.FractionAtOrBelow(RoomBenchResult.TargetLatenessP99),
            AllocatedInTicks: allocatedInAdvance,
            AllocatedByTickThreads: allocatedByThreads,
            AllocatedByDriver: driver.AllocatedWhileMeasuring,
            AllocatedByProcess: end.ProcessAllocated - start.ProcessAllocated,
            Gen0: end.Gen0 - start.Gen0,
            Gen1: end.Gen1 - start.Gen1,
            Gen2: end.Gen2 - start.Gen2,
            ProcessCpuSeconds: end.ProcessCpu - start.ProcessCpu,
            TickThreadCpuSeconds: end.TickCpu - start.TickCpu,
            DriverCpuSeconds: end.DriverCpu - start.DriverCpu,
            Snapshots: end.Snapshots - start.Snapshots,
            Messages: end.Messages - start.Messages,
            BytesOut: end.Bytes - start.Bytes,
            InputsQueued: driver.Queued,
            InputsDropped: driver.Dropped + (end.InputsDropped - start.InputsDropped),
            LateDriverRounds: driver.LateRounds,
            ClosedSinks: end.Closed,
            RoomsClosed: hosts.Count(host => host.IsClosed),
            LoadAverageStart: start.LoadAverage,
            LoadAverageEnd: end.LoadAverage);
    }

    private sealed record Sample(long Wall, long Skipped, long Overruns, long InputsDropped, long Snapshots, long Messages,
        long Bytes, int Closed, long ProcessAllocated, int Gen0, int Gen1, int Gen2, double ProcessCpu, double TickCpu,
        double DriverCpu, string LoadAverage)
    {
        public static Sample Take(List<RoomHost<ArenaRoom, IArenaInput, IArenaOutput>> hosts, List<BenchPlayerSink> sinks)
        {
            // Read from the main thread while the rooms tick: each counter is a single word, so a read is at most one
            // tick stale, which is noise over thousands of ticks.
            long skipped = 0;
            long overruns = 0;
            long dropped = 0;
            foreach (RoomHost<ArenaRoom, IArenaInput, IArenaOutput> host in hosts)
            {
                skipped += host.SkippedTicks;
                overruns += host.TickOverruns;
                dropped += host.InputsDroppedPerTick; // queue-full drops are the driver's refused writes
            }

            long snapshots = 0;
            long messages = 0;
            long bytes = 0;
            int closed = 0;
            foreach (BenchPlayerSink sink in sinks)
            {
                snapshots += sink.Snapshots;
                messages += sink.Messages;
                bytes += sink.Bytes;
                closed += sink.Closed ? 1 : 0;
            }

            using Process process = Process.GetCurrentProcess();
            return new Sample(Stopwatch.GetTimestamp(), skipped, overruns, dropped, snapshots, messages, bytes, closed,
                GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
                process.TotalProcessorTime.TotalSeconds, ThreadCpu.Seconds(TickThreadName), ThreadCpu.Seconds(DriverThreadName),
                ReadLoadAverage());
        }

        private static string ReadLoadAverage()
            => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";
    }
}
