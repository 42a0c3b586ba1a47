namespace ArenaServer.Server.Options;

/// <summary>Process-wide server settings: configuration section <c>Arena:Server</c>.</summary>
public sealed class ServerOptions
{
    /// <summary>The number of dedicated tick threads that rooms are spread over.</summary>
    /// <remarks>Defaults to the processor count: a tick thread never blocks, so one per core saturates the CPU
    /// without oversubscribing it.</remarks>
    public int TickThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>How long a graceful shutdown may take before the remaining connections are aborted.</summary>
    /// <remarks>Defaults to 30 s, the generic host's own default: rooms get time to persist in
    /// <c>OnClosingAsync</c>, and an orchestrator's SIGKILL usually comes later.</remarks>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
