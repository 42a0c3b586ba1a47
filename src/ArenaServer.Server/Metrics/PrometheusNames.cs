using System.Text;

namespace ArenaServer.Server.Metrics;

/// <summary>Maps instrument names, units and tag keys to Prometheus names, the way the OpenTelemetry Prometheus
/// exporter does: dots and other invalid characters become <c>_</c>, a known unit is appended once
/// (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>), annotations such as <c>{connection}</c> add nothing, and
/// counters end in <c>_total</c>.</summary>
internal static class PrometheusNames
{
    /// <summary>Gets the family name of an instrument.</summary>
    /// <param name="instrumentName">E.g. <c>arena.tick.duration</c>.</param>
    /// <param name="unit">The UCUM unit, e.g. <c>s</c>, or null.</param>
    /// <param name="kind">The exposed type.</param>
    /// <returns>E.g. <c>arena_tick_duration_seconds</c>.</returns>
    public static string ForInstrument(string instrumentName, string? unit, MetricKind kind)
    {
        string name = Sanitize(instrumentName, allowColon: true);
        string? suffix = UnitSuffix(unit);
        if (suffix is not null && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>Makes a valid label name (<c>[a-zA-Z_][a-zA-Z0-9_]*</c>).</summary>
    /// <param name="key">A tag key.</param>
    /// <returns>The label name.</returns>
    public static string ForLabel(string key) => Sanitize(key, allowColon: false);

    /// <summary>Gets the name suffix of a UCUM unit, or null for none (dimensionless, or an annotation in braces).</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>The suffix without the underscore.</returns>
    public static string? UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => null,
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        _ when unit.StartsWith('{') => null,
        _ => Sanitize(unit, allowColon: false),
    };

    private static string Sanitize(string value, bool allowColon)
    {
        if (value.Length == 0)
        {
            return "_";
        }

        var builder = new StringBuilder(value.Length + 1);
        if (char.IsAsciiDigit(value[0]))
        {
            builder.Append('_');
        }

        foreach (char c in value)
        {
            bool valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            builder.Append(valid ? c : '_');
        }

        return builder.ToString();
    }
}
