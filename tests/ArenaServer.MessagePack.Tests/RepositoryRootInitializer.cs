using System.Reflection;
using System.Runtime.CompilerServices;

namespace ArenaServer.MessagePack.Tests;

/// <summary>Points <c>RepositoryPaths</c> at the checkout this assembly was built from. With
/// <c>--artifacts-path /tmp/…</c>, <c>dotnet test</c> runs from a directory outside the checkout, where the shared
/// helper's upward search for <c>ArenaServer.sln</c> cannot succeed; <c>ARENA_REPO_ROOT</c> still wins when set.</summary>
internal static class RepositoryRootInitializer
{
#pragma warning disable CA2255 // A test assembly is the application here; it must run before any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ARENA_REPO_ROOT")))
        {
            return;
        }

        string? root = typeof(RepositoryRootInitializer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "ArenaServer.sln")))
        {
            Environment.SetEnvironmentVariable("ARENA_REPO_ROOT", root);
        }
    }
}
