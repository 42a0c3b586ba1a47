using System.Diagnostics;
using System.Text;
using ArenaServer.Tests;

namespace ArenaServer.Protocol.Tests;

/// <summary>Runs a script from tests/interop like <c>NodeScript</c>, with a deadline sized for a loaded CI machine:
/// starting node can take seconds when every core is busy, longer than the 5 s Debug default.</summary>
internal static class NodePeer
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    public static async Task<string> RunAsync(string script, string stdin)
    {
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
        startInfo.ArgumentList.Add(Path.Combine(RepositoryPaths.Interop, script));
        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException("node could not be started");
        try
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(stdin).TimeoutAfter(s_deadline);
            process.StandardInput.Close();
            await process.WaitForExitAsync().TimeoutAfter(s_deadline);
            string output = await stdout.TimeoutAfter(s_deadline);
            string error = await stderr.TimeoutAfter(s_deadline);
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {error}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
