namespace ArenaServer.Server.Metrics;

/// <summary>The Prometheus type a family is exposed as (text format 0.0.4, <c># TYPE</c>).</summary>
internal enum MetricKind
{
    /// <summary>A monotonic counter (<c>Counter</c>, <c>ObservableCounter</c>): name ends in <c>_total</c>.</summary>
    Counter,

    /// <summary>A value that goes up and down (<c>UpDownCounter</c>, gauges).</summary>
    Gauge,

    /// <summary>Explicit-bucket histogram: <c>_bucket{le}</c> (cumulative), <c>_sum</c>, <c>_count</c>.</summary>
    Histogram,
}
