using System.Text;
using ArenaServer.Server.Metrics;
using Xunit;

namespace ArenaServer.Server.Tests.Metrics;

public sealed class PrometheusTextWriterTests
{
    private static string Render(params MetricFamilySnapshot[] families)
    {
        var text = new StringBuilder();
        PrometheusTextWriter.Write(text, families);
        return text.ToString();
    }

    private static KeyValuePair<string, string>[] Labels(params (string Key, string Value)[] labels)
        => [.. labels.Select(label => new KeyValuePair<string, string>(label.Key, label.Value))];

    [Fact]
    public void Write_CounterWithLabels_HelpTypeAndOneLinePerSeries()
    {
        var family = new MetricFamilySnapshot("arena_connections_opened_total", MetricKind.Counter, "WebSocket connections accepted.",
            null, [
                new MetricSeriesSnapshot(Labels(("protocol", "arena.v1.json")), 2, null, 0),
                new MetricSeriesSnapshot(Labels(("protocol", "arena.v1.msgpack")), 40, null, 0),
            ]);

        string text = Render(family);

        Assert.Equal("""
            # HELP arena_connections_opened_total WebSocket connections accepted.
            # TYPE arena_connections_opened_total counter
            arena_connections_opened_total{protocol="arena.v1.json"} 2
            arena_connections_opened_total{protocol="arena.v1.msgpack"} 40

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Write_GaugeWithoutLabels_BareSample()
    {
        var family = new MetricFamilySnapshot("arena_rooms_active", MetricKind.Gauge, null, null,
            [new MetricSeriesSnapshot([], -3, null, 0)]);

        Assert.Equal("# TYPE arena_rooms_active gauge\narena_rooms_active -3\n", Render(family));
    }

    [Fact]
    public void Write_Histogram_CumulativeBucketsInfSumCount()
    {
        var family = new MetricFamilySnapshot("arena_rtt_seconds", MetricKind.Histogram, "Round trips.", [0.005, 0.05, 1],
            [new MetricSeriesSnapshot([], 0, [1, 0, 2, 1], 2.25)]);

        Assert.Equal("""
            # HELP arena_rtt_seconds Round trips.
            # TYPE arena_rtt_seconds histogram
            arena_rtt_seconds_bucket{le="0.005"} 1
            arena_rtt_seconds_bucket{le="0.05"} 1
            arena_rtt_seconds_bucket{le="1"} 3
            arena_rtt_seconds_bucket{le="+Inf"} 4
            arena_rtt_seconds_sum 2.25
            arena_rtt_seconds_count 4

            """.ReplaceLineEndings("\n"), Render(family));
    }

    [Fact]
    public void Write_HistogramWithLabels_LeComesLast()
    {
        var family = new MetricFamilySnapshot("arena_tick_duration_seconds", MetricKind.Histogram, null, [0.001],
            [new MetricSeriesSnapshot(Labels(("room_type", "arena")), 0, [3, 1], 0.0125)]);

        Assert.Equal("""
            # TYPE arena_tick_duration_seconds histogram
            arena_tick_duration_seconds_bucket{room_type="arena",le="0.001"} 3
            arena_tick_duration_seconds_bucket{room_type="arena",le="+Inf"} 4
            arena_tick_duration_seconds_sum{room_type="arena"} 0.0125
            arena_tick_duration_seconds_count{room_type="arena"} 4

            """.ReplaceLineEndings("\n"), Render(family));
    }

    [Fact]
    public void Write_SpecialCharacters_EscapedPerFormat()
    {
        // Text format 0.0.4: label values escape backslash, double quote and line feed; HELP escapes backslash and
        // line feed only.
        var family = new MetricFamilySnapshot("x_total", MetricKind.Counter, "a \\ b\nc \"q\"", null,
            [new MetricSeriesSnapshot(Labels(("reason", "a\"b\\c\nd")), 1, null, 0)]);

        Assert.Equal("# HELP x_total a \\\\ b\\nc \"q\"\n# TYPE x_total counter\nx_total{reason=\"a\\\"b\\\\c\\nd\"} 1\n",
            Render(family));
    }

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(42d, "42")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void FormatNumber_Value_PrometheusFloat(double value, string expected)
        => Assert.Equal(expected, PrometheusTextWriter.FormatNumber(value));

    [Fact]
    public void ToUtf8_NonAsciiHelp_Utf8Bytes()
    {
        var family = new MetricFamilySnapshot("g", MetricKind.Gauge, "durée", null, [new MetricSeriesSnapshot([], 1, null, 0)]);

        byte[] bytes = PrometheusTextWriter.ToUtf8([family]);

        Assert.Equal("# HELP g durée\n# TYPE g gauge\ng 1\n", Encoding.UTF8.GetString(bytes));
    }
}
