using System.Text.RegularExpressions;
using ArenaServer.Tests;
using Xunit;

namespace ArenaServer.Samples.Arena.Tests.Guide;

/// <summary>docs/rooms.md shows these files verbatim; this keeps the guide from drifting away from code that runs.</summary>
public sealed partial class GuideDocumentTests
{
    [Fact]
    public void RoomsGuide_EveryFileBlock_MatchesItsFile()
    {
        string guide = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "rooms.md"));
        MatchCollection blocks = FileBlock().Matches(guide);

        Assert.True(blocks.Count >= 6, $"only {blocks.Count} file blocks in docs/rooms.md");
        foreach (Match block in blocks)
        {
            string path = Path.Combine(RepositoryPaths.Root, block.Groups["path"].Value);
            Assert.True(File.Exists(path), $"docs/rooms.md names a missing file: {path}");
            Assert.Equal(Normalize(File.ReadAllText(path)), Normalize(block.Groups["code"].Value));
        }
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").Trim();

    [GeneratedRegex(@"<!-- file: (?<path>[^ ]+) -->\n```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex FileBlock();
}
