namespace ArenaServer.Server.Metrics;

/// <summary>All series of one Prometheus name: the instruments mapped to it and their tag combinations.</summary>
/// <remarks>Series are found by a scan of a copy-on-write array (tags come from small closed sets, so it is short)
/// without a lock or an allocation; only a new tag combination takes the lock. Past <see cref="MaxSeries"/>
/// combinations, measurements go to one <c>overflow="true"</c> series instead of growing memory.</remarks>
internal sealed class MetricFamily(string name, MetricKind kind, string? help, double[]? bounds, bool isObservable)
{
    /// <summary>The most tag combinations a family keeps.</summary>
    public const int MaxSeries = 1000;

    private static readonly KeyValuePair<string, object?>[] s_overflowTags = [new("overflow", "true")];

    private readonly object _gate = new();
    private MetricSeries[] _series = [];
    private MetricSeries? _overflow;

    public string Name { get; } = name;

    public MetricKind Kind { get; } = kind;

    public string? Help { get; } = help;

    public double[]? Bounds { get; } = bounds;

    /// <summary>Gets whether the family's values are set by callbacks at scrape time rather than added.</summary>
    public bool IsObservable { get; } = isObservable;

    /// <summary>Records one measurement of an instrument of this family.</summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        MetricSeries series = GetSeries(tags);
        switch (Kind)
        {
            case MetricKind.Histogram:
                series.Observe(value);
                break;
            case MetricKind.Counter or MetricKind.Gauge when IsObservable:
                series.Set(value);
                break;
            default:
                series.Add(value);
                break;
        }
    }

    /// <summary>Sets every observable value to zero before the callbacks report the current ones, so a series whose
    /// callback no longer reports it (e.g. a room type with no rooms left) does not keep a stale value.</summary>
    public void ResetObserved()
    {
        foreach (MetricSeries series in Volatile.Read(ref _series))
        {
            series.Set(0);
        }
    }

    /// <summary>Copies the current state, series sorted by their labels.</summary>
    public MetricFamilySnapshot Snapshot()
    {
        MetricSeries[] all = Volatile.Read(ref _series);
        var series = new List<MetricSeriesSnapshot>(all.Length + 1);
        foreach (MetricSeries item in all)
        {
            series.Add(item.Snapshot());
        }

        series.Sort(static (a, b) => string.CompareOrdinal(LabelKey(a), LabelKey(b)));
        if (_overflow is { } overflow)
        {
            series.Add(overflow.Snapshot());
        }

        return new MetricFamilySnapshot(Name, Kind, Help, Bounds, series);
    }

    private MetricSeries GetSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (MetricSeries series in Volatile.Read(ref _series))
        {
            if (series.Matches(tags))
            {
                return series;
            }
        }

        lock (_gate)
        {
            foreach (MetricSeries series in _series)
            {
                if (series.Matches(tags))
                {
                    return series;
                }
            }

            if (_series.Length >= MaxSeries)
            {
                return _overflow ??= new MetricSeries(s_overflowTags, Bounds);
            }

            var created = new MetricSeries(tags, Bounds);
            Volatile.Write(ref _series, [.. _series, created]);
            return created;
        }
    }

    private static string LabelKey(MetricSeriesSnapshot series)
        => string.Join('\u0001', series.Labels.Select(label => label.Key + "\u0002" + label.Value));
}
