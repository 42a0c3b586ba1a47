using System.Reflection;
using System.Runtime.CompilerServices;

namespace ArenaServer.FunctionalTests.Infrastructure;

/// <summary>Lets <c>RepositoryPaths</c> find tests/interop when the build output lives outside the checkout
/// (<c>--artifacts-path</c>) and the test host's working directory is that output folder.</summary>
internal static class RepositoryRootInitializer
{
#pragma warning disable CA2255 // A test assembly is an application: setting up its environment at load time is the point.
    [ModuleInitializer]
#pragma warning restore CA2255
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
