using System.Text.Json;

namespace ArenaServer.EchoBench;

/// <summary>Prints a result and appends it as one JSON line to the results file that <c>report</c> reads.</summary>
internal static class ResultSink
{
    public static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write<T>(T result, string? path)
    {
        string json = JsonSerializer.Serialize(result, JsonOptions);
        Console.WriteLine(json);
        if (path is not null)
        {
            File.AppendAllText(path, json + "\n");
        }
    }
}
