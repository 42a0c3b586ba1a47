namespace ArenaServer.EchoBench;

/// <summary>The command-line commands: each parses and bounds its options, runs, and writes its result.</summary>
internal static class BenchCommands
{
    public static async Task<int> EchoAsync(BenchArguments options, CancellationToken cancellationToken)
    {
        LoopbackTarget target = LoopbackTarget.Parse(options.GetString("url", "ws://127.0.0.1:8080/echo"));
        EchoBenchmark benchmark = new(
            target,
            options.GetString("server", "unknown"),
            options.GetInt32("connections", 1, 1, 2000),
            options.GetInt32("size", 32, 1, 65536),
            options.GetSeconds("warmup", 5, 60),
            options.GetSeconds("duration", 10, 120),
            ServerPid(options),
            Client(options),
            options.GetInt32("client-threads", 1, 1, 16),
            options.GetInt32("client-spin-us", 0, 0, 1000));
        using CancellationTokenSource bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(5));
        EchoResult result = await benchmark.RunAsync(bound.Token);
        ResultSink.Write(result, options.GetOptionalString("out"));
        return result.FailedConnections == 0 && result.RoundTrips > 0 ? 0 : 1;
    }

    public static async Task<int> FanOutAsync(BenchArguments options, CancellationToken cancellationToken)
    {
        LoopbackTarget target = LoopbackTarget.Parse(options.GetString("url", "ws://127.0.0.1:8080/fanout"));
        FanOutBenchmark benchmark = new(
            target,
            options.GetString("server", "unknown"),
            options.GetInt32("connections", 1000, 1, 5000),
            options.GetInt32("size", 200, 4, 65536),
            options.GetInt32("warmup-rounds", 20, 0, 10_000),
            options.GetSeconds("duration", 10, 120),
            options.GetInt32("max-rounds", 100_000, 1, 1_000_000),
            RequiredServerPid(options),
            options.GetInt32("window", 1, 1, 64),
            Client(options),
            options.GetInt32("client-threads", 1, 1, 16));
        using CancellationTokenSource bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(5));
        FanOutResult result = await benchmark.RunAsync(bound.Token);
        ResultSink.Write(result, options.GetOptionalString("out"));
        return result.FailedConnections == 0 ? 0 : 1;
    }

    public static async Task<int> IdleAsync(BenchArguments options, CancellationToken cancellationToken)
    {
        LoopbackTarget target = LoopbackTarget.Parse(options.GetString("url", "ws://127.0.0.1:8080/echo"));
        IdleMemoryBenchmark benchmark = new(
            target,
            options.GetString("server", "unknown"),
            options.GetInt32("connections", 10_000, 1, 15_000),
            options.GetSeconds("settle", 4, 60),
            RequiredServerPid(options),
            options.GetOptionalString("stats-path"));
        using CancellationTokenSource bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(5));
        IdleMemoryResult result = await benchmark.RunAsync(bound.Token);
        ResultSink.Write(result, options.GetOptionalString("out"));
        return result.FailedConnections == 0 && result.OpenConnections == result.Connections ? 0 : 1;
    }

    public static int Report(BenchArguments options)
    {
        string path = options.GetOptionalString("in") ?? throw new ArgumentException("--in results.jsonl is required.");
        string? previous = options.GetOptionalString("previous");
        Console.Write(MarkdownReport.Create(File.ReadLines(path), previous is null ? null : File.ReadLines(previous),
            options.GetOptionalString("commit"), options.GetOptionalString("date"), options.GetOptionalString("load-start")));
        return 0;
    }

    public static int SelfTest()
    {
        return HistogramSelfTest.Run();
    }

    public static int Unknown(string command)
    {
        Console.Error.WriteLine($"Unknown command '{command}'.");
        return 2;
    }

    private static BenchClient Client(BenchArguments options)
    {
        string? name = options.GetOptionalString("client");
        if (name is null)
        {
            return OperatingSystem.IsLinux() ? BenchClient.Epoll : BenchClient.Sockets;
        }

        return Enum.TryParse(name, ignoreCase: true, out BenchClient client) && Enum.IsDefined(client)
            ? client
            : throw new ArgumentException($"--client must be epoll or sockets, got '{name}'.");
    }

    private static int RequiredServerPid(BenchArguments options)
    {
        return ServerPid(options) ?? throw new ArgumentException("--server-pid is required: the server's CPU and memory are read from /proc.");
    }

    private static int? ServerPid(BenchArguments options)
    {
        int pid = options.GetInt32("server-pid", 0, 0, int.MaxValue);
        return pid == 0 ? null : pid;
    }
}
