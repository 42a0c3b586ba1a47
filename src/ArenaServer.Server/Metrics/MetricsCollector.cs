using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ArenaServer.Transport;

namespace ArenaServer.Server.Metrics;

/// <summary>Aggregates one server's <c>ArenaServer</c> instruments with a <see cref="MeterListener"/> (counters, up-down
/// counters, gauges and explicit-bucket histograms, buckets from <see cref="InstrumentAdvice{T}"/>) and renders them
/// for <c>GET /metrics</c> (ARCHITECTURE.md §14).</summary>
/// <remarks>Listens only to instruments whose meter is named <c>ArenaServer</c> and was created by this server's
/// meter factory (<see cref="Meter.Scope"/>), so many servers in one test process never see each other's numbers.
/// Measurement callbacks run on the recording thread and take no lock; <see cref="Collect"/> may run concurrently
/// with them (scrapes are serialized among themselves).</remarks>
internal sealed class MetricsCollector : IDisposable
{
    // OpenTelemetry's default explicit bounds, for a histogram without advice.
    private static readonly double[] s_defaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly object _scope;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly object _collectGate = new();

    /// <summary>Listens to the instruments of meters created by <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The server's meter factory (from DI).</param>
    public MetricsCollector(IMeterFactory meterFactory)
        : this((object)meterFactory)
    {
    }

    /// <summary>Listens to the instruments of meters whose <see cref="Meter.Scope"/> is <paramref name="scope"/>.</summary>
    /// <param name="scope">The scope object meters were created with.</param>
    public MetricsCollector(object scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        _scope = scope;
        _listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        _listener.SetMeasurementEventCallback<long>(static (instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<int>(static (instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<double>(static (instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<float>(static (instrument, value, tags, state) => Record(state, value, tags));
        _listener.Start();
    }

    /// <summary>Runs the observable instruments' callbacks, then copies every family, sorted by name.</summary>
    /// <returns>The families that have at least one series.</returns>
    public IReadOnlyList<MetricFamilySnapshot> Collect()
    {
        lock (_collectGate)
        {
            foreach (MetricFamily family in _families.Values)
            {
                if (family.IsObservable)
                {
                    family.ResetObserved();
                }
            }

            _listener.RecordObservableInstruments();
            List<MetricFamilySnapshot> snapshots = [];
            foreach (MetricFamily family in _families.Values)
            {
                MetricFamilySnapshot snapshot = family.Snapshot();
                if (snapshot.Series.Count > 0)
                {
                    snapshots.Add(snapshot);
                }
            }

            snapshots.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            return snapshots;
        }
    }

    /// <summary>Renders <see cref="Collect"/> in the Prometheus text format.</summary>
    /// <returns>The <c>/metrics</c> body.</returns>
    public byte[] Scrape() => PrometheusTextWriter.ToUtf8(Collect());

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        => ((MetricFamily)state!).Record(value, tags);

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!ReferenceEquals(instrument.Meter.Scope, _scope) ||
            !string.Equals(instrument.Meter.Name, TransportMetrics.MeterName, StringComparison.Ordinal) ||
            KindOf(instrument) is not { } kind)
        {
            return;
        }

        string name = PrometheusNames.ForInstrument(instrument.Name, instrument.Unit, kind);
        double[]? bounds = kind == MetricKind.Histogram ? BoundsOf(instrument) : null;
        MetricFamily family = _families.GetOrAdd(name, static (key, arg) => new MetricFamily(key, arg.kind, arg.Description,
            arg.bounds, arg.IsObservable), (kind, instrument.Description, bounds, instrument.IsObservable));

        // Two instruments may share a name (and so a family) only if they agree on its shape.
        if (family.Kind == kind && family.IsObservable == instrument.IsObservable &&
            (bounds is null || family.Bounds.AsSpan().SequenceEqual(bounds)))
        {
            listener.EnableMeasurementEvents(instrument, family);
        }
    }

    private static MetricKind? KindOf(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }

        Type definition = instrument.GetType().GetGenericTypeDefinition();
        if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
        {
            return MetricKind.Counter;
        }

        if (definition == typeof(UpDownCounter<>) || definition == typeof(ObservableUpDownCounter<>) ||
            definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>))
        {
            return MetricKind.Gauge;
        }

        return definition == typeof(Histogram<>) ? MetricKind.Histogram : null;
    }

    private static double[] BoundsOf(Instrument instrument)
    {
        IReadOnlyList<double>? advised = instrument switch
        {
            Histogram<double> histogram => histogram.Advice?.HistogramBucketBoundaries,
            Histogram<float> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound).ToArray(),
            Histogram<long> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound).ToArray(),
            Histogram<int> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound).ToArray(),
            _ => null,
        };

        // Bounds must be strictly increasing and finite for the le labels to make sense.
        double[] bounds = [.. (advised ?? s_defaultBounds).Where(double.IsFinite).Distinct().Order()];
        return bounds;
    }
}
