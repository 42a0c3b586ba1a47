namespace ArenaServer.Server.Hosting;

/// <summary>Whether the server is shutting down, for <c>/healthz</c> (<c>503 {"status":"draining"}</c>, so a load
/// balancer stops sending new players here).</summary>
/// <remarks>Set once by the hosted service when the host stops; read from any thread.</remarks>
internal sealed class ArenaServerLifecycle
{
    private volatile bool _draining;

    /// <summary>Gets whether the server has begun shutting down.</summary>
    public bool IsDraining => _draining;

    /// <summary>Marks the start of the shutdown.</summary>
    public void BeginDraining() => _draining = true;
}
