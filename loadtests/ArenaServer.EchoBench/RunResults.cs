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

    /// <summary>Each server's best echo run per configuration (noise only ever slows a run down).</summary>
    public EchoResult? BestEcho(string server, int connections, int messageSize) => Echo
        .Where(r => r.Server == server && r.Connections == connections && r.MessageSize == messageSize)
        .MaxBy(r => r.MessagesPerSecond);

    /// <summary>Each server's best fan-out run per window (and connection count, when given).</summary>
    public FanOutResult? BestFanOut(string server, int window, int? connections = null) => FanOut
        .Where(r => r.Server == server && r.Window == window && (connections is null || r.Connections == connections))
        .MaxBy(r => r.FramesPerSecond);
}
