using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ArenaServer.Server.Tests;

/// <summary>Enforces the one-way project references of ARCHITECTURE.md §3 by reading every csproj.</summary>
public sealed partial class ArchitectureTests
{
    // Project → the ArenaServer projects it may reference. A project missing here fails the test until a rule is
    // written for it, so a new layer cannot slip in unreviewed.
    private static readonly Dictionary<string, string[]> s_allowedProjectReferences = new()
    {
        ["ArenaServer.MessagePack"] = [],
        ["ArenaServer.WebSockets"] = [],
        ["ArenaServer.Protocol"] = ["ArenaServer.MessagePack"],
        ["ArenaServer.Abstractions"] = ["ArenaServer.MessagePack"],
        ["ArenaServer.Transport"] = ["ArenaServer.WebSockets"],
        ["ArenaServer.Client"] = ["ArenaServer.Protocol", "ArenaServer.Abstractions"],
        ["ArenaServer.Server"] = ["ArenaServer.Transport", "ArenaServer.Protocol", "ArenaServer.Abstractions"],
        ["ArenaServer.Cluster.Redis"] = ["ArenaServer.Server"],
        ["ArenaServer.Testing"] = ["ArenaServer.Server"],
        ["ArenaServer.Samples.Arena"] = ["ArenaServer.Abstractions"],
        ["ArenaServer.Host"] = ["ArenaServer.Server", "ArenaServer.Cluster.Redis", "ArenaServer.Samples.Arena"],
    };

    // L0 codecs and the game layer may use only these packages (BCL otherwise).
    private static readonly Dictionary<string, string[]> s_allowedPackages = new()
    {
        ["ArenaServer.MessagePack"] = [],
        ["ArenaServer.WebSockets"] = [],
        ["ArenaServer.Protocol"] = [],
        ["ArenaServer.Abstractions"] = ["Microsoft.Extensions.Logging.Abstractions"],
        ["ArenaServer.Samples.Arena"] = [],
        ["ArenaServer.Transport"] = ["Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options"],
        ["ArenaServer.Client"] = ["Microsoft.Extensions.Logging.Abstractions"],
    };

    public static TheoryData<string> SourceProjects()
    {
        var data = new TheoryData<string>();
        foreach (string project in Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "src")).Select(d => Path.GetFileName(d)).Order())
        {
            data.Add(project);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void ProjectReferences_SourceProject_FollowLayerRules(string project)
    {
        Assert.True(s_allowedProjectReferences.TryGetValue(project, out string[]? allowed),
            $"{project} has no layer rule in ArchitectureTests; add one (ARCHITECTURE.md §3).");

        string[] actual = ReadProjectReferences(project);
        string[] forbidden = actual.Except(allowed).ToArray();
        Assert.True(forbidden.Length == 0, $"{project} references {string.Join(", ", forbidden)}, which ARCHITECTURE.md §3 forbids.");
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void PackageReferences_PureLayers_UseOnlyAllowedPackages(string project)
    {
        if (!s_allowedPackages.TryGetValue(project, out string[]? allowed))
        {
            return; // L2 and above may use the pinned infrastructure packages.
        }

        string[] forbidden = ReadPackageReferences(project).Except(allowed).ToArray();
        Assert.True(forbidden.Length == 0, $"{project} references packages {string.Join(", ", forbidden)}; it must stay pure.");
    }

    [Fact]
    public void PureCodecs_Source_HasNoAsyncSocketsOrLogging()
    {
        // CONVENTIONS.md §7: codecs contain no async, Socket, Pipe or ILogger.
        foreach (string project in new[] { "ArenaServer.MessagePack", "ArenaServer.WebSockets", "ArenaServer.Protocol" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", project), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
            {
                string code = StripComments(File.ReadAllText(file));
                Match match = ImpureApi().Match(code);
                Assert.False(match.Success, $"{Path.GetRelativePath(RepositoryPaths.Root, file)} uses '{match.Value}', which a pure codec must not.");
            }
        }
    }

    [Fact]
    public void ProjectReferences_WhoMayUseClusterRedis_OnlyHost()
    {
        foreach (string project in s_allowedProjectReferences.Keys.Where(p => p != "ArenaServer.Host" && ProjectExists(p)))
        {
            Assert.DoesNotContain("ArenaServer.Cluster.Redis", ReadProjectReferences(project));
        }
    }

    [Fact]
    public void PackageVersions_AllReferences_ArePinnedCentrally()
    {
        var pinned = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion").Select(e => (string)e.Attribute("Include")!).ToHashSet();
        foreach (string csproj in Directory.EnumerateFiles(RepositoryPaths.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("node_modules", StringComparison.Ordinal)))
        {
            foreach (XElement reference in XDocument.Load(csproj).Descendants("PackageReference"))
            {
                Assert.Null(reference.Attribute("Version"));
                Assert.Contains((string)reference.Attribute("Include")!, pinned);
            }
        }
    }

    private static bool ProjectExists(string project) => File.Exists(ProjectFile(project));

    private static string ProjectFile(string project) => Path.Combine(RepositoryPaths.Root, "src", project, project + ".csproj");

    private static string[] ReadProjectReferences(string project)
        => XDocument.Load(ProjectFile(project)).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(((string)e.Attribute("Include")!).Replace('\\', '/')))
            .ToArray();

    private static string[] ReadPackageReferences(string project)
        => XDocument.Load(ProjectFile(project)).Descendants("PackageReference")
            .Select(e => (string)e.Attribute("Include")!)
            .ToArray();

    private static string StripComments(string code) => Comments().Replace(code, string.Empty);

    [GeneratedRegex(@"\basync\b|\bawait\b|\bSocket\b|\bPipeReader\b|\bPipeWriter\b|\bILogger\b|\bThread\b|\bTask\.Run\b")]
    private static partial Regex ImpureApi();

    [GeneratedRegex(@"//.*?$|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Comments();
}
