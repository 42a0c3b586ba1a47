using System.Text.Json;

namespace ArenaServer.EchoBench;

/// <summary>The results of one benchmark run, read back from its JSON lines (see <see cref="ResultSink"/>).</summary>
internal sealed record RunResults(List<EchoResult> Echo, List<FanOutResult> FanOut, List<IdleMemoryResult> Idle)
{
    public static RunResults Parse(IEnumerable<string> jsonLines)
    {
        RunResults results = new([], [], []);
        foreach (string line in jsonLines.Where(l => l.StartsWith('{')))
        {
            using JsonDocument document = JsonDocument.Parse(line);
            switch (document.RootElement.GetProperty("kind").GetString())
            {
                case "echo":
                    results.Echo.Add(document.Deserialize<EchoResult>(ResultSink.JsonOptions)!);
                    break;
                case "fanout":
                    // Runs recorded before the window option existed had one broadcast in flight.
                    FanOutResult fanOut = document.Deserialize<FanOutResult>(ResultSink.JsonOptions)!;
                    results.FanOut.Add(fanOut with { Window = Math.Max(1, fanOut.Window) });
                    break;
                case "idle":
                    results.Idle.Add(document.Deserialize<IdleMemoryResult>(ResultSink.JsonOptions)!);
                    break;
            }
        }

        return results;
    }

    /// <summary>Each server's median echo run per configuration, by throughput (with an even count, the lower of the
    /// middle two): the runs alternate between the servers, and on shared cores the median is steadier than the best.</summary>
    public EchoResult? MedianEcho(string server, int connections, int messageSize) => Median(Echo
        .Where(r => r.Server == server && r.Connections == connections && r.MessageSize == messageSize)
        .OrderBy(r => r.MessagesPerSecond));

    /// <summary>Each server's median fan-out run per window (and connection count, when given), by frames/s.</summary>
    public FanOutResult? MedianFanOut(string server, int window, int? connections = null) => Median(FanOut
        .Where(r => r.Server == server && r.Window == window && (connections is null || r.Connections == connections))
        .OrderBy(r => r.FramesPerSecond));

    /// <summary>Each server's median idle run (by RSS bytes per connection) at a connection count.</summary>
    public IdleMemoryResult? MedianIdle(string server, int connections) => Median(Idle
        .Where(r => r.Server == server && r.Connections == connections)
        .OrderBy(r => r.BytesPerConnection));

    private static T? Median<T>(IEnumerable<T> ordered)
        where T : class
    {
        List<T> list = ordered.ToList();
        return list.Count == 0 ? null : list[(list.Count - 1) / 2];
    }
}
