namespace ArenaServer.Server.Tests;

/// <summary>Tests that count the bytes their own thread allocates run alone: run alongside, other tests share the
/// process's frame pools and may enable the same meters with a listener of their own, and either can make a measured
/// tick allocate (a fresh-clone CI run once saw 536 B over 1,000 ticks that a lone run never shows).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurementCollection
{
    public const string Name = "Allocation measurements";
}
