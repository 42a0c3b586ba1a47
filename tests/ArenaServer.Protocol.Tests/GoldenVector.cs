using System.Text.Json;
using ArenaServer.Tests;

namespace ArenaServer.Protocol.Tests;

/// <summary>One entry of proto/vectors/*.json: the cross-language contract (CONVENTIONS.md §46).</summary>
public sealed record GoldenVector(string File, string Name, string Description, byte[] Bytes, string Json)
{
    private static readonly Lazy<IReadOnlyList<GoldenVector>> s_all = new(Load);

    public static IReadOnlyList<GoldenVector> All => s_all.Value;

    public static GoldenVector Named(string name) => All.Single(v => v.Name == name);

    public static TheoryData<string> Names(string? file = null)
    {
        var data = new TheoryData<string>();
        foreach (GoldenVector vector in All.Where(v => file is null || v.File == file))
        {
            data.Add(vector.Name);
        }

        return data;
    }

    public override string ToString() => Name;

    private static List<GoldenVector> Load()
    {
        string directory = Path.Combine(RepositoryPaths.Proto, "vectors");
        var vectors = new List<GoldenVector>();
        foreach (string path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using JsonDocument document = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
            IEnumerable<JsonElement> entries = document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray()
                : [document.RootElement];
            foreach (JsonElement entry in entries)
            {
                vectors.Add(new GoldenVector(
                    Path.GetFileName(path),
                    entry.GetProperty("name").GetString()!,
                    entry.GetProperty("description").GetString()!,
                    Convert.FromHexString(entry.GetProperty("hex").GetString()!),
                    entry.GetProperty("json").GetRawText()));
            }
        }

        return vectors;
    }
}
