namespace ArenaServer.Server.Metrics;

/// <summary>One labelled series of a family at scrape time.</summary>
/// <param name="Labels">Label names and values, sorted by name; names already valid Prometheus label names.</param>
/// <param name="Value">The counter or gauge value (unused for histograms).</param>
/// <param name="BucketCounts">For histograms: the count per bucket, not cumulative, one more than the bounds (the
/// last is <c>+Inf</c>); otherwise null.</param>
/// <param name="Sum">For histograms: the sum of the observed values.</param>
internal sealed record MetricSeriesSnapshot(KeyValuePair<string, string>[] Labels, double Value, long[]? BucketCounts, double Sum);
