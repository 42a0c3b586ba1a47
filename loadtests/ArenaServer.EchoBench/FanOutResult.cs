namespace ArenaServer.EchoBench;

/// <summary>One fan-out run: broadcasts of one message to every connection, <c>Window</c> broadcasts in flight.</summary>
internal sealed record FanOutResult(
    string Server,
    int Connections,
    int MessageSize,
    int Window,
    int Rounds,
    double DurationSeconds,
    long FramesDelivered,
    double FramesPerSecond,
    double ServerCpuSeconds,
    double ServerCpuMicrosecondsPerFrame,
    double ClientCpuSeconds,
    double MeanRoundMicroseconds,
    double DeliveryP50Microseconds,
    double DeliveryP99Microseconds,
    int FailedConnections,
    string? FirstError)
{
    public string Kind => "fanout";

    /// <summary>The load client (<see cref="BenchClient"/>, lower case); runs before it existed used "sockets".</summary>
    public string Client { get; init; } = "sockets";
}
