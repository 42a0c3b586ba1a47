namespace ArenaServer.FunctionalTests.Latency;

/// <summary>The latency tests measure real time through real sockets, so they run one at a time and not alongside
/// the other collections: a 32 MiB relay next to a 5 ms bound would measure the neighbour.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LatencyCollection
{
    public const string Name = "Latency";
}
