using System.Diagnostics.Metrics;
using System.Text;
using ArenaServer.Server.Metrics;
using ArenaServer.Transport;
using Xunit;

namespace ArenaServer.Server.Tests.Metrics;

public sealed class MetricsCollectorTests : IDisposable
{
    private readonly object _scope = new();
    private readonly Meter _meter;
    private readonly MetricsCollector _collector;

    public MetricsCollectorTests()
    {
        _meter = new Meter(new MeterOptions(TransportMetrics.MeterName) { Scope = _scope });
        _collector = new MetricsCollector(_scope);
    }

    public void Dispose()
    {
        _collector.Dispose();
        _meter.Dispose();
    }

    private MetricFamilySnapshot Family(string name) => Assert.Single(_collector.Collect(), family => family.Name == name);

    private string Scrape() => Encoding.UTF8.GetString(_collector.Scrape());

    [Fact]
    public void Collect_CounterTagsInAnyOrder_OneSeriesSummed()
    {
        Counter<long> counter = _meter.CreateCounter<long>("arena.test.events", "{event}", "Events.");

        counter.Add(2, new KeyValuePair<string, object?>("a", "1"), new KeyValuePair<string, object?>("b", "2"));
        counter.Add(3, new KeyValuePair<string, object?>("b", "2"), new KeyValuePair<string, object?>("a", "1"));
        counter.Add(5, new KeyValuePair<string, object?>("a", "other"), new KeyValuePair<string, object?>("b", "2"));

        MetricFamilySnapshot family = Family("arena_test_events_total");
        Assert.Equal(MetricKind.Counter, family.Kind);
        Assert.Equal("Events.", family.Help);
        Assert.Equal([5d, 5d], family.Series.Select(series => series.Value));
        Assert.Equal(["1", "other"], family.Series.Select(series => series.Labels[0].Value));
    }

    [Fact]
    public void Scrape_UpDownCounter_GaugeWithNetValue()
    {
        UpDownCounter<long> active = _meter.CreateUpDownCounter<long>("arena.test.active", "{connection}");

        active.Add(1, new KeyValuePair<string, object?>("protocol", "x"));
        active.Add(1, new KeyValuePair<string, object?>("protocol", "x"));
        active.Add(-1, new KeyValuePair<string, object?>("protocol", "x"));

        Assert.Equal("# TYPE arena_test_active gauge\narena_test_active{protocol=\"x\"} 1\n", Scrape());
    }

    [Fact]
    public void Scrape_HistogramWithAdvice_BucketsFromAdviceLeInclusive()
    {
        Histogram<double> histogram = _meter.CreateHistogram<double>("arena.test.latency", "s", "Latency.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1] });

        histogram.Record(0.01);  // on a bound: that bucket (le is "less or equal")
        histogram.Record(0.05);
        histogram.Record(3);

        Assert.Equal("""
            # HELP arena_test_latency_seconds Latency.
            # TYPE arena_test_latency_seconds histogram
            arena_test_latency_seconds_bucket{le="0.01"} 1
            arena_test_latency_seconds_bucket{le="0.1"} 2
            arena_test_latency_seconds_bucket{le="+Inf"} 3
            arena_test_latency_seconds_sum 3.06
            arena_test_latency_seconds_count 3

            """.ReplaceLineEndings("\n"), Scrape());
    }

    [Fact]
    public void Collect_HistogramWithoutAdvice_DefaultBounds()
    {
        Histogram<long> histogram = _meter.CreateHistogram<long>("arena.test.size", "By");

        histogram.Record(7);

        MetricFamilySnapshot family = Family("arena_test_size_bytes");
        Assert.Equal([0d, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000], family.Bounds!);
        Assert.Equal(1, Assert.Single(family.Series).BucketCounts![2]);
    }

    [Fact]
    public void Collect_OtherScopeOrOtherMeterName_Ignored()
    {
        using var foreign = new Meter(new MeterOptions(TransportMetrics.MeterName) { Scope = new object() });
        using var unscoped = new Meter(TransportMetrics.MeterName);
        using var otherName = new Meter(new MeterOptions("SomethingElse") { Scope = _scope });
        foreign.CreateCounter<long>("arena.foreign").Add(1);
        unscoped.CreateCounter<long>("arena.unscoped").Add(1);
        otherName.CreateCounter<long>("arena.other").Add(1);
        _meter.CreateCounter<long>("arena.mine").Add(1);

        Assert.Equal(["arena_mine_total"], _collector.Collect().Select(family => family.Name));
    }

    [Fact]
    public void Collect_ObservableUpDownCounter_ValueSetAtEachScrapeNotAdded()
    {
        long rooms = 3;
        _meter.CreateObservableUpDownCounter("arena.test.rooms", () => new Measurement<long>(rooms,
            new KeyValuePair<string, object?>("room_type", "arena")));

        double first = Assert.Single(Family("arena_test_rooms").Series).Value;
        rooms = 1;
        double second = Assert.Single(Family("arena_test_rooms").Series).Value;

        Assert.Equal(3, first);
        Assert.Equal(1, second);
    }

    [Fact]
    public void Collect_ObservableStopsReportingSeries_SeriesDropsToZero()
    {
        bool report = true;
        _meter.CreateObservableUpDownCounter("arena.test.types", () => report
            ? [new Measurement<long>(4, new KeyValuePair<string, object?>("room_type", "duel"))]
            : Array.Empty<Measurement<long>>());

        Assert.Equal(4, Assert.Single(Family("arena_test_types").Series).Value);
        report = false;

        Assert.Equal(0, Assert.Single(Family("arena_test_types").Series).Value);
    }

    [Fact]
    public async Task Collect_ConcurrentAddsFromManyThreads_NothingLost()
    {
        Counter<long> counter = _meter.CreateCounter<long>("arena.test.concurrent");
        Histogram<double> histogram = _meter.CreateHistogram<double>("arena.test.spread", "s", null, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5] });
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task[] workers = [.. Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            await start.Task;
            for (int i = 0; i < 10_000; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("kind", i % 2 == 0 ? "even" : "odd"));
                histogram.Record(i % 2);
            }
        }))];

        start.SetResult();
        await Task.WhenAll(workers).DefaultTimeout();

        Assert.Equal([20_000d, 20_000d], Family("arena_test_concurrent_total").Series.Select(series => series.Value));
        MetricSeriesSnapshot spread = Assert.Single(Family("arena_test_spread_seconds").Series);
        Assert.Equal([20_000L, 20_000L], spread.BucketCounts!);
        Assert.Equal(20_000d, spread.Sum);
    }

    [Fact]
    public void Collect_TooManyTagCombinations_OverflowSeries()
    {
        Counter<long> counter = _meter.CreateCounter<long>("arena.test.cardinality");

        for (int i = 0; i < MetricFamily.MaxSeries + 5; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", i));
        }

        MetricFamilySnapshot family = Family("arena_test_cardinality_total");
        Assert.Equal(MetricFamily.MaxSeries + 1, family.Series.Count);
        MetricSeriesSnapshot overflow = family.Series[^1];
        Assert.Equal(new KeyValuePair<string, string>("overflow", "true"), Assert.Single(overflow.Labels));
        Assert.Equal(5, overflow.Value);
    }

    [Fact]
    public void Collect_NoMeasurementsYet_FamilyLeftOut()
    {
        _meter.CreateCounter<long>("arena.test.silent");

        Assert.DoesNotContain(_collector.Collect(), family => family.Name == "arena_test_silent_total");
    }

    [Fact]
    public void Scrape_TransportMetrics_DocumentedNamesAndLabels()
    {
        var transport = new TransportMetrics(_meter);

        transport.WebSocketOpened("arena.v1.msgpack");
        transport.WebSocketClosed("arena.v1.msgpack", 4008, CloseReason.SlowConsumer);
        transport.HandshakeRejected(ArenaServer.WebSockets.HandshakeFailure.MissingConnectionUpgrade);
        transport.ProtocolError("framing");
        transport.RoundTrip(TimeSpan.FromMilliseconds(3));

        string text = Scrape();
        Assert.Contains("arena_connections_opened_total{protocol=\"arena.v1.msgpack\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_connections_active{protocol=\"arena.v1.msgpack\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_connections_closed_total{code=\"4008\",protocol=\"arena.v1.msgpack\",reason=\"slow_consumer\"} 1\n",
            text, StringComparison.Ordinal);
        Assert.Contains("arena_handshakes_rejected_total{reason=\"missing_connection_upgrade\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_protocol_errors_total{kind=\"framing\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_rtt_seconds_bucket{le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_rtt_seconds_bucket{le=\"0.0025\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_rtt_seconds_count 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_RoomMetrics_DocumentedNamesAndLabels()
    {
        var rooms = new RoomMetrics(_meter);
        KeyValuePair<string, object?> arena = RoomMetrics.RoomTypeTag("arena");

        rooms.Tick(TimeSpan.FromMilliseconds(0.3), TimeSpan.FromMilliseconds(33), arena);
        rooms.Tick(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(33), arena);
        rooms.TicksSkipped(4, arena);
        rooms.InputOffered(queued: true);
        rooms.InputOffered(queued: false);
        rooms.InputsDroppedPerTick(2);
        rooms.MessagesSent(3, 10);
        rooms.SnapshotSent(100, coalesced: true);
        rooms.Resumed();
        rooms.ResumeExpired();
        rooms.ResumeRejected();

        string text = Scrape();
        Assert.Contains("arena_tick_duration_seconds_bucket{room_type=\"arena\",le=\"0.0005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_tick_duration_seconds_count{room_type=\"arena\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_tick_overruns_total{room_type=\"arena\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_tick_skipped_total{room_type=\"arena\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_inputs_received_total 2\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_inputs_dropped_total{reason=\"per_tick\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_inputs_dropped_total{reason=\"queue\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_outbound_frames_total{kind=\"message\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_outbound_bytes_total{kind=\"message\"} 30\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_outbound_bytes_total{kind=\"snapshot\"} 100\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_outbound_snapshots_coalesced_total 1\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_resumes_total{outcome=\"expired\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_resumes_total{outcome=\"rejected\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_resumes_total{outcome=\"resumed\"} 1\n", text, StringComparison.Ordinal);
    }
}
