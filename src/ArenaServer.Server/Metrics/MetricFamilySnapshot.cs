namespace ArenaServer.Server.Metrics;

/// <summary>One metric family at scrape time, ready for <see cref="PrometheusTextWriter"/>.</summary>
/// <param name="Name">The Prometheus name, with its unit suffix and, for counters, <c>_total</c>.</param>
/// <param name="Kind">The exposed type.</param>
/// <param name="Help">The instrument's description, or null.</param>
/// <param name="Bounds">For histograms: the ascending upper bounds (<c>le</c>) without <c>+Inf</c>; otherwise null.</param>
/// <param name="Series">The series, in a stable order.</param>
internal sealed record MetricFamilySnapshot(string Name, MetricKind Kind, string? Help, double[]? Bounds,
    IReadOnlyList<MetricSeriesSnapshot> Series);
