namespace ArenaServer.EchoBench;

/// <summary>What a benchmark client's connection loops hand back when they are over: their histograms merged, how many
/// connections failed and the first failure.</summary>
internal sealed class ClientLoops
{
    public LatencyHistogram Histogram { get; } = new();

    public int Failed { get; private set; }

    public string? FirstError { get; private set; }

    public void Add(LatencyHistogram histogram, string? error)
    {
        Histogram.Add(histogram);
        if (error is not null)
        {
            Failed++;
            FirstError ??= error;
        }
    }

    public void AddFailures(int failed, string? firstError)
    {
        Failed += failed;
        FirstError ??= firstError;
    }
}
