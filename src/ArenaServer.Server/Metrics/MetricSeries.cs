using System.Globalization;

namespace ArenaServer.Server.Metrics;

/// <summary>The aggregate of one tag combination of a family: a counter or gauge value, or histogram buckets.</summary>
/// <remarks>Updated lock-free from any thread (tick threads, read loops); a scrape reads it while it changes, so a
/// histogram's sum may trail its buckets by the samples in flight, while <c>_count</c> always equals the <c>+Inf</c>
/// bucket because both are derived from the same bucket snapshot.</remarks>
internal sealed class MetricSeries
{
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly double[]? _bounds;
    private readonly long[]? _buckets;
    private double _value;
    private double _sum;

    public MetricSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags, double[]? bounds)
    {
        _tags = tags.ToArray();
        var labels = new KeyValuePair<string, string>[_tags.Length];
        for (int i = 0; i < _tags.Length; i++)
        {
            labels[i] = new(PrometheusNames.ForLabel(_tags[i].Key), Convert.ToString(_tags[i].Value, CultureInfo.InvariantCulture) ?? string.Empty);
        }

        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        Labels = labels;
        _bounds = bounds;
        _buckets = bounds is null ? null : new long[bounds.Length + 1];
    }

    /// <summary>Gets the labels, sorted by name.</summary>
    public KeyValuePair<string, string>[] Labels { get; }

    /// <summary>Gets whether <paramref name="tags"/> (in any order) are this series' tags.</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != _tags.Length)
        {
            return false;
        }

        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (!Contains(tag))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds to the value (counters, up-down counters).</summary>
    public void Add(double delta)
    {
        double current = Volatile.Read(ref _value);
        while (true)
        {
            double seen = Interlocked.CompareExchange(ref _value, current + delta, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Replaces the value (observable instruments report absolute values).</summary>
    public void Set(double value) => Interlocked.Exchange(ref _value, value);

    /// <summary>Counts a histogram sample in its bucket: the first whose upper bound is at or above it (<c>le</c>).</summary>
    public void Observe(double value)
    {
        if (_buckets is null || double.IsNaN(value))
        {
            return;
        }

        int index = Array.BinarySearch(_bounds!, value);
        if (index < 0)
        {
            index = ~index;
        }

        Interlocked.Increment(ref _buckets[index]);
        double current = Volatile.Read(ref _sum);
        while (true)
        {
            double seen = Interlocked.CompareExchange(ref _sum, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Copies the current state.</summary>
    public MetricSeriesSnapshot Snapshot()
    {
        long[]? buckets = null;
        if (_buckets is not null)
        {
            buckets = new long[_buckets.Length];
            for (int i = 0; i < buckets.Length; i++)
            {
                buckets[i] = Interlocked.Read(ref _buckets[i]);
            }
        }

        return new MetricSeriesSnapshot(Labels, Volatile.Read(ref _value), buckets, Volatile.Read(ref _sum));
    }

    private bool Contains(KeyValuePair<string, object?> tag)
    {
        foreach (KeyValuePair<string, object?> own in _tags)
        {
            if (string.Equals(own.Key, tag.Key, StringComparison.Ordinal))
            {
                return Equals(own.Value, tag.Value);
            }
        }

        return false;
    }
}
