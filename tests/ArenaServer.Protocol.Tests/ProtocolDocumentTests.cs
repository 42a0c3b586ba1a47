using System.Reflection;
using System.Text.RegularExpressions;
using ArenaServer.Tests;

namespace ArenaServer.Protocol.Tests;

/// <summary>proto/PROTOCOL.md and the shared constants must not drift apart (CONVENTIONS.md §27).</summary>
public sealed partial class ProtocolDocumentTests
{
    private static readonly Lazy<string> s_document = new(() => File.ReadAllText(Path.Combine(RepositoryPaths.Proto, "PROTOCOL.md")));

    [Fact]
    public void CloseCodeTable_ListsExactlyTheCloseCodesConstants()
    {
        string section = Section("## 8. Close codes");
        ushort[] documented = [.. CloseCodeRow().Matches(section).Select(m => ushort.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
        ushort[] constants = [.. typeof(CloseCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (ushort)f.GetRawConstantValue()!)];

        Assert.Equal(constants.Order(), documented.Order());
        Assert.Contains("| 4008 | slow consumer", section, StringComparison.Ordinal);
        Assert.True(CloseCodes.HoldsSeat(CloseCodes.SlowConsumer));
        Assert.All(constants.Where(c => c != CloseCodes.SlowConsumer), c => Assert.False(CloseCodes.HoldsSeat(c)));
    }

    [Fact]
    public void ErrorCodeTable_ListsExactlyTheErrorCodesConstants()
    {
        string section = Section("## 7. Error codes");
        string[] documented = [.. ErrorCodeRow().Matches(section).Select(m => m.Groups[1].Value)];
        string[] constants = [.. typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

        Assert.Equal(constants.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void KindTable_ListsExactlyTheEnvelopeKinds()
    {
        string section = Section("### 4.2 Kinds");
        (int Kind, string Name)[] documented = [.. KindRow().Matches(section)
            .Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value))];
        (int, string)[] kinds = [.. Enum.GetValues<EnvelopeKind>().Select(k => ((int)k, k.ToString()))];

        Assert.Equal(kinds, documented);
    }

    private static string Section(string heading)
    {
        string document = s_document.Value;
        int start = document.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"PROTOCOL.md has no '{heading}'");
        int end = document.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? document[start..] : document[start..end];
    }

    [GeneratedRegex(@"^\| (\d{4}) \|", RegexOptions.Multiline)]
    private static partial Regex CloseCodeRow();

    [GeneratedRegex(@"^\| `([a-z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ErrorCodeRow();

    [GeneratedRegex(@"^\| [CS]→[CS] \| (\d+) \| (\w+) \|", RegexOptions.Multiline)]
    private static partial Regex KindRow();
}
