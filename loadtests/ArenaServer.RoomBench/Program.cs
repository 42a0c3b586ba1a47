using System.CommandLine;
using ArenaServer.RoomBench;

// Room tick benchmark (issue 4): N arena rooms × M in-memory players at the tick rate on the real tick engine, with a
// driver feeding inputs through the rooms' input channels. Bounded: warm-up + measured seconds, then it stops.
// Prints a Markdown table (docs/benchmarks.md, "Room tick engine (issue 4)").
Option<int> rooms = Ranged("--rooms", "Arena rooms.", 1000, 1, 5000);
Option<int> players = Ranged("--players", "Players per room.", 8, 1, 64);
Option<int> jsonPlayers = Ranged("--json-players", "Of those, players on arena.v1.json (transcoded once per room and tick).", 0, 0, 64);
Option<int> tickRate = Ranged("--tick-rate", "Ticks per second.", 30, 1, 120);
Option<int> threads = Ranged("--threads", "Tick threads (default: one per core, as the server).", Environment.ProcessorCount, 1, 64);

// 10 s: the sample room's lag-compensation ring grows for its first 121 ticks, and the pools fill.
Option<int> warmup = Ranged("--warmup", "Seconds before measuring.", 10, 0, 60);
Option<int> seconds = Ranged("--seconds", "Seconds measured.", 20, 1, 120);

var aligned = new Option<bool>("--aligned")
{
    Description = "Create all rooms at once, so each thread's rooms fall due together (worst case); default: spread over one tick.",
};
var traceAllocations = new Option<bool>("--trace-allocations")
{
    Description = "Name what the tick threads allocate (GC AllocationTick samples): one room ticked by hand, then the live run.",
};

var root = new RootCommand("ArenaServer room tick benchmark (issue 4)")
{
    rooms, players, jsonPlayers, tickRate, threads, warmup, seconds, aligned, traceAllocations,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var options = new RoomBenchOptions(parse.GetValue(rooms), parse.GetValue(players),
        Math.Min(parse.GetValue(jsonPlayers), parse.GetValue(players)), parse.GetValue(tickRate), parse.GetValue(threads),
        parse.GetValue(warmup), parse.GetValue(seconds), parse.GetValue(aligned));

    if (parse.GetValue(traceAllocations))
    {
        using var tracer = new AllocationTracer();
        AllocationBreakdownResult traced = AllocationBreakdown.Run(options.Players, options.JsonPlayers, options.TickRate, 200_000);
        Console.WriteLine($"engine {traced.EnginePerTick:0.0} B/tick, room code {traced.RoomCodePerTick:0.0} B/tick; sampled types:");
        foreach (KeyValuePair<string, long> entry in tracer.Top(15))
        {
            Console.WriteLine($"  {entry.Value,12:N0} B  {entry.Key}");
        }

        RoomBenchResult live = await new RoomBenchmark(options).RunAsync(cancellationToken, () =>
        {
            tracer.Threads = ThreadCpu.ThreadIds(RoomBenchmark.TickThreadName);
            tracer.Clear();
        });
        Console.WriteLine($"live run: {live.AllocatedPerTick:0.0} B/tick on the tick threads; sampled types there:");
        foreach (KeyValuePair<string, long> entry in tracer.Top(15))
        {
            Console.WriteLine($"  {entry.Value,12:N0} B  {entry.Key}");
        }

        return 0;
    }

    Console.Error.WriteLine("Allocation breakdown: one room ticked by hand…");
    AllocationBreakdownResult breakdown = AllocationBreakdown.Run(options.Players, options.JsonPlayers, options.TickRate);
    Console.Error.WriteLine($"Live run: {options.Rooms} rooms, {options.Warmup} s warm-up, {options.Seconds} s measured…");
    RoomBenchResult result = await new RoomBenchmark(options).RunAsync(cancellationToken);
    Console.Write(result.ToMarkdown(breakdown));
    return result.Healthy ? 0 : 1;
});

return await root.Parse(args).InvokeAsync();

// Every run is bounded: out-of-range values are parse errors (usage and exit code 1), never clamped silently.
static Option<int> Ranged(string name, string description, int defaultValue, int min, int max)
{
    var option = new Option<int>(name) { Description = $"{description} ({min}..{max})", DefaultValueFactory = _ => defaultValue };
    option.Validators.Add(result =>
    {
        int value = result.GetValueOrDefault<int>();
        if (value < min || value > max)
        {
            result.AddError($"{name} must be in {min}..{max} (was {value}).");
        }
    });
    return option;
}
