using System.CommandLine;
using ArenaServer.RoomBench;

// Room tick benchmark (issue 4): N arena rooms × M in-memory players at the tick rate on the real tick engine, with a
// driver feeding inputs through the rooms' input channels. Bounded: warm-up + measured seconds, then it stops.
// Prints a Markdown table (docs/benchmarks.md, "Room tick engine (issue 4)").
var rooms = new Option<int>("--rooms") { Description = "Arena rooms (1..5000).", DefaultValueFactory = _ => 1000 };
var players = new Option<int>("--players") { Description = "Players per room (1..64).", DefaultValueFactory = _ => 8 };
var jsonPlayers = new Option<int>("--json-players")
{
    Description = "Of those, players on arena.v1.json (transcoded once per room and tick).",
    DefaultValueFactory = _ => 0,
};
var tickRate = new Option<int>("--tick-rate") { Description = "Ticks per second (1..120).", DefaultValueFactory = _ => 30 };
var threads = new Option<int>("--threads")
{
    Description = "Tick threads (default: one per core, as the server).",
    DefaultValueFactory = _ => Environment.ProcessorCount,
};
var warmup = new Option<int>("--warmup") { Description = "Seconds before measuring (0..60).", DefaultValueFactory = _ => 5 };
var seconds = new Option<int>("--seconds") { Description = "Seconds measured (1..120).", DefaultValueFactory = _ => 20 };

var traceAllocations = new Option<bool>("--trace-allocations")
{
    Description = "Only tick one room by hand for a while and list the types it allocates (GC AllocationTick samples).",
};

var root = new RootCommand("ArenaServer room tick benchmark (issue 4)")
{
    rooms, players, jsonPlayers, tickRate, threads, warmup, seconds, traceAllocations,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var options = new RoomBenchOptions(
        Bounded(parse.GetValue(rooms), 1, 5000, "--rooms"),
        Bounded(parse.GetValue(players), 1, 64, "--players"),
        Bounded(parse.GetValue(jsonPlayers), 0, parse.GetValue(players), "--json-players"),
        Bounded(parse.GetValue(tickRate), 1, 120, "--tick-rate"),
        Bounded(parse.GetValue(threads), 1, 64, "--threads"),
        Bounded(parse.GetValue(warmup), 0, 60, "--warmup"),
        Bounded(parse.GetValue(seconds), 1, 120, "--seconds"));

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

static int Bounded(int value, int min, int max, string name)
    => value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in {min}..{max}.");
