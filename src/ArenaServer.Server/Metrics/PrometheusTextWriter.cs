using System.Globalization;
using System.Text;

namespace ArenaServer.Server.Metrics;

/// <summary>Renders metric families in the Prometheus text exposition format 0.0.4: <c># HELP</c> and <c># TYPE</c>
/// lines, then one line per sample; histograms as cumulative <c>_bucket{le="…"}</c> lines ending with
/// <c>le="+Inf"</c>, then <c>_sum</c> and <c>_count</c>.</summary>
/// <remarks>Escaping follows the format: in HELP text <c>\</c> and line feeds; in label values also <c>"</c>. Numbers
/// use the invariant culture, shortest round-trip form, and <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>. Pure and stateless.</remarks>
internal static class PrometheusTextWriter
{
    /// <summary>The response Content-Type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Writes <paramref name="families"/> in order.</summary>
    /// <param name="output">Receives the text; every line ends with a line feed.</param>
    /// <param name="families">The families; series of one family share a name and differ in labels.</param>
    public static void Write(StringBuilder output, IEnumerable<MetricFamilySnapshot> families)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(families);
        foreach (MetricFamilySnapshot family in families)
        {
            WriteFamily(output, family);
        }
    }

    /// <summary>Renders <paramref name="families"/> as UTF-8 bytes.</summary>
    /// <param name="families">The families.</param>
    /// <returns>The response body.</returns>
    public static byte[] ToUtf8(IEnumerable<MetricFamilySnapshot> families)
    {
        var text = new StringBuilder(4096);
        Write(text, families);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Formats a sample value or bound.</summary>
    /// <param name="value">The value.</param>
    /// <returns>E.g. <c>42</c>, <c>0.005</c>, <c>+Inf</c>.</returns>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static void WriteFamily(StringBuilder output, MetricFamilySnapshot family)
    {
        if (!string.IsNullOrEmpty(family.Help))
        {
            output.Append("# HELP ").Append(family.Name).Append(' ');
            AppendEscaped(output, family.Help, escapeQuote: false);
            output.Append('\n');
        }

        output.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Gauge => "gauge",
            _ => "histogram",
        }).Append('\n');

        foreach (MetricSeriesSnapshot series in family.Series)
        {
            if (family.Kind == MetricKind.Histogram)
            {
                WriteHistogram(output, family, series);
            }
            else
            {
                WriteSample(output, family.Name, null, series.Labels, null, series.Value);
            }
        }
    }

    private static void WriteHistogram(StringBuilder output, MetricFamilySnapshot family, MetricSeriesSnapshot series)
    {
        double[] bounds = family.Bounds ?? [];
        long[] counts = series.BucketCounts ?? new long[bounds.Length + 1];
        long cumulative = 0;
        for (int i = 0; i <= bounds.Length; i++)
        {
            cumulative += i < counts.Length ? counts[i] : 0;
            string le = i < bounds.Length ? FormatNumber(bounds[i]) : "+Inf";
            WriteSample(output, family.Name, "_bucket", series.Labels, le, cumulative);
        }

        WriteSample(output, family.Name, "_sum", series.Labels, null, series.Sum);
        WriteSample(output, family.Name, "_count", series.Labels, null, cumulative);
    }

    private static void WriteSample(StringBuilder output, string name, string? suffix, KeyValuePair<string, string>[] labels,
        string? le, double value)
    {
        output.Append(name).Append(suffix);
        if (labels.Length > 0 || le is not null)
        {
            output.Append('{');
            bool first = true;
            foreach (KeyValuePair<string, string> label in labels)
            {
                AppendLabel(output, label.Key, label.Value, ref first);
            }

            if (le is not null)
            {
                AppendLabel(output, "le", le, ref first);
            }

            output.Append('}');
        }

        output.Append(' ').Append(FormatNumber(value)).Append('\n');
    }

    private static void AppendLabel(StringBuilder output, string name, string value, ref bool first)
    {
        if (!first)
        {
            output.Append(',');
        }

        first = false;
        output.Append(name).Append("=\"");
        AppendEscaped(output, value, escapeQuote: true);
        output.Append('"');
    }

    private static void AppendEscaped(StringBuilder output, string text, bool escapeQuote)
    {
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\':
                    output.Append("\\\\");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '"' when escapeQuote:
                    output.Append("\\\"");
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }
    }
}
