using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests.Infrastructure;

/// <summary>The real Host as a child process: <c>dotnet ArenaServer.Host.dll ARGS</c> from this test's output folder
/// (the Host is a project reference, so its assembly, runtimeconfig, deps, appsettings and wwwroot are copied here).</summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static HostProcess Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    public static HostProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        string hostDll = Path.Combine(AppContext.BaseDirectory, "ArenaServer.Host.dll");
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException($"{hostDll} is missing; the test project must reference ArenaServer.Host.");
        }

        var startInfo = new ProcessStartInfo("dotnet")
        {
            // Not the output folder: the Host must find its files from AppContext.BaseDirectory, not the current directory.
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(hostDll);
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach ((string name, string value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnError(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Completes with the port from the <c>ArenaServer listening on http://127.0.0.1:PORT/ (embedded mode)</c> line.</summary>
    public Task<int> WaitForListeningAsync() => _listening.Task;

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().DefaultTimeout();
        return _process.ExitCode;
    }

    /// <summary>Sends a signal by name (<c>TERM</c>, as systemd, Docker and Kubernetes stop a process; <c>INT</c>, as
    /// Ctrl+C does) with <c>kill</c>.</summary>
    public async Task SignalAsync(string signal)
    {
        using Process kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().DefaultTimeout();
        Assert.Equal(0, kill.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().DefaultTimeout();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^ArenaServer listening on http://127\.0\.0\.1:(\d+)/ \(embedded mode\)$")]
    private static partial Regex ListeningLine();

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            _listening.TrySetException(new InvalidOperationException($"The Host closed stdout before listening. stderr: {StandardError}"));
            return;
        }

        lock (_stdout)
        {
            _stdout.AppendLine(line);
        }

        Match match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private void OnError(string? line)
    {
        if (line is not null)
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line);
            }
        }
    }
}
