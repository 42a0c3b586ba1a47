using System.Reflection;
using System.Runtime.CompilerServices;

namespace ArenaServer.Protocol.Tests;

/// <summary>Points the shared <c>RepositoryPaths</c> at the build-time checkout when the test assembly runs outside
/// it (builds with an artifacts path), unless <c>ARENA_REPO_ROOT</c> is already set.</summary>
internal static class RepositoryRootInitializer
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ARENA_REPO_ROOT")))
        {
            return;
        }

        string? root = typeof(RepositoryRootInitializer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ArenaRepositoryRoot")?.Value;
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "ArenaServer.sln")))
        {
            Environment.SetEnvironmentVariable("ARENA_REPO_ROOT", root);
        }
    }
}
