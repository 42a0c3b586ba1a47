using System.Globalization;
using System.Net.Http;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests.Metrics;

/// <summary>One <c>GET /metrics</c> answer, parsed line by line (text format 0.0.4) into samples.</summary>
internal sealed class ScrapedMetrics
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private ScrapedMetrics(string text, string? contentType)
    {
        Text = text;
        ContentType = contentType;
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith('#'))
            {
                _samples.Add(ParseSample(line));
            }
        }
    }

    public string Text { get; }

    public string? ContentType { get; }

    public static async Task<ScrapedMetrics> GetAsync(TestArenaServer server)
    {
        using var http = new HttpClient();
        using HttpResponseMessage response = await http.GetAsync(new Uri(server.HttpUri, "/metrics")).DefaultTimeout();
        response.EnsureSuccessStatusCode();
        string text = await response.Content.ReadAsStringAsync().DefaultTimeout();
        return new ScrapedMetrics(text, response.Content.Headers.ContentType?.ToString());
    }

    /// <summary>Sums the samples named <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels)
        => _samples.Where(sample => sample.Name == name &&
                labels.All(label => sample.Labels.TryGetValue(label.Key, out string? value) && value == label.Value))
            .Sum(sample => sample.Value);

    /// <summary>Gets whether any sample is named <paramref name="name"/>.</summary>
    public bool Has(string name) => _samples.Any(sample => sample.Name == name);

    private static (string, Dictionary<string, string>, double) ParseSample(string line)
    {
        int space = line.LastIndexOf(' ');
        string series = line[..space];
        double value = line[(space + 1)..] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            string number => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        int brace = series.IndexOf('{');
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (brace < 0)
        {
            return (series, labels, value);
        }

        // Our label values never contain commas or escaped quotes in these tests.
        foreach (string pair in series[(brace + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            labels[pair[..eq]] = pair[(eq + 2)..^1];
        }

        return (series[..brace], labels, value);
    }
}
