using System.Reflection;

namespace ArenaServer.Tests;

/// <summary>Finds the repository's folders from a test's output directory, wherever the build put it.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string Interop => Path.Combine(Root, "tests", "interop");

    public static string Proto => Path.Combine(Root, "proto");

    public static string ClientWeb => Path.Combine(Root, "client-web");

    private static string FindRoot()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("ARENA_REPO_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        // Baked in at build time by tests/Directory.Build.props.
        string? baked = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ArenaRepositoryRoot")?.Value;
        if (!string.IsNullOrEmpty(baked) && File.Exists(Path.Combine(baked, "ArenaServer.sln")))
        {
            return baked;
        }

        // Walk up from the test assembly, then from the working directory (--artifacts-path may put the
        // assembly outside the checkout).
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ArenaServer.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find ArenaServer.sln above the test assembly; set ARENA_REPO_ROOT.");
    }
}
