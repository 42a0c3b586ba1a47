namespace ArenaServer.EchoBench;

/// <summary>One echo run: closed-loop round trips of one message size over N connections.</summary>
internal sealed record EchoResult(
    string Server,
    int Connections,
    int MessageSize,
    double DurationSeconds,
    long RoundTrips,
    double MessagesPerSecond,
    double P50Microseconds,
    double P99Microseconds,
    double P999Microseconds,
    double MaxMicroseconds,
    double MeanMicroseconds,
    int FailedConnections,
    double ServerCpuSeconds,
    double ClientCpuSeconds,
    string? FirstError)
{
    public string Kind => "echo";

    /// <summary>The load client (<see cref="BenchClient"/>, lower case); runs before it existed used "sockets".</summary>
    public string Client { get; init; } = "sockets";
}
