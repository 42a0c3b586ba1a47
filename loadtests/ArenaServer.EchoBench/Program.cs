using ArenaServer.EchoBench;

// Transport benchmarks (issue 2); loadtests/run-transport-bench.sh runs them all. Every target must be on loopback,
// and every run is bounded in connections and seconds.
//   echo   --url ws://127.0.0.1:P/echo --server ours|kestrel --connections 1..2000 --size 1..65536
//          [--warmup 5] [--duration 10] [--server-pid PID] [--out results.jsonl]
//          [--client epoll|sockets] [--client-threads 1]   (epoll: our own epoll loop, the default on Linux)
//   fanout --url ws://127.0.0.1:P/fanout --server NAME --server-pid PID --connections 1..5000 [--size 200]
//          [--window 1] [--warmup-rounds 20] [--duration 10] [--max-rounds 100000] [--out FILE]
//          [--client epoll|sockets] [--client-threads 1]
//   idle   --url ws://127.0.0.1:P/echo --server NAME --server-pid PID [--connections 10000] [--settle 4]
//          [--stats-path /stats] [--out FILE]
//   fanout-server [--port 0] [--max-connections 20000] [--outbound-queue-capacity 128]
//                                    ArenaServer.Transport server: /fanout (encode-once broadcast), /echo, GET /stats
//   report --in results.jsonl [--previous older.jsonl] [--commit C] [--date D] [--load-start "1 5 15"]
//                                    prints the Markdown tables (with ratios to the previous run when given)
//   selftest                          checks the histogram against exact percentiles
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: EchoBench echo|fanout|idle|fanout-server|report|selftest [--name value]...");
    return 2;
}

BenchArguments options = new(args, 1);
using CancellationTokenSource cancellation = new();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return args[0] switch
{
    "echo" => await BenchCommands.EchoAsync(options, cancellation.Token),
    "fanout" => await BenchCommands.FanOutAsync(options, cancellation.Token),
    "idle" => await BenchCommands.IdleAsync(options, cancellation.Token),
#if ARENA_TRANSPORT
    "fanout-server" => await ArenaServer.EchoBench.FanOut.FanOutServer.RunAsync(options, cancellation.Token),
#endif
    "report" => BenchCommands.Report(options),
    "selftest" => BenchCommands.SelfTest(),
    _ => BenchCommands.Unknown(args[0]),
};
