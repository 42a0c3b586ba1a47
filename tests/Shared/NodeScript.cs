using System.Diagnostics;
using System.Text;

namespace ArenaServer.Tests;

/// <summary>Runs a Node script from <c>tests/interop</c> as a real, independent peer (CONVENTIONS.md §42).</summary>
internal static class NodeScript
{
    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>, feeds it <paramref name="stdin"/>,
    /// and returns its standard output. A non-zero exit fails with its standard error. <paramref name="timeout"/> bounds
    /// the run (default: <see cref="TaskTimeoutExtensions.DefaultTimeoutValue"/>); large batches pass a longer one,
    /// because starting node alone can take seconds on a loaded machine.</summary>
    public static async Task<string> RunAsync(string script, IEnumerable<string>? arguments = null, string? stdin = null,
        CancellationToken cancellationToken = default, TimeSpan? timeout = null)
    {
        TimeSpan deadline = timeout ?? TaskTimeoutExtensions.DefaultTimeoutValue;
        string scriptPath = Path.Combine(RepositoryPaths.Interop, script);
        if (!Directory.Exists(Path.Combine(RepositoryPaths.Interop, "node_modules")))
        {
            throw new InvalidOperationException(
                "tests/interop/node_modules is missing: run `npm ci --prefix tests/interop` (a step of .ci/run).");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.Interop,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(scriptPath);
        foreach (string argument in arguments ?? [])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("node could not be started; is Node.js on PATH?");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken).TimeoutAfter(deadline).ConfigureAwait(false);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string output = await stdout.ConfigureAwait(false);
        string error = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {error}");
        }

        return output;
    }
}
