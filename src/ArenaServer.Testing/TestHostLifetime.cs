using Microsoft.Extensions.Hosting;

namespace ArenaServer.Testing;

/// <summary>Replaces the generic host's <c>ConsoleLifetime</c> for in-process servers: a test process runs many
/// servers, and none of them should react to the test runner's Ctrl+C, SIGTERM or process exit; the test stops
/// each one itself.</summary>
internal sealed class TestHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
