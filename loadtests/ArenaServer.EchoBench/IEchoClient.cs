namespace ArenaServer.EchoBench;

/// <summary>
/// The connections of one echo run and their closed loops (send one binary message, await its echo, repeat): each
/// round trip while the phase is <see cref="RunPhase.Measuring"/> goes into a histogram.
/// </summary>
internal interface IEchoClient : IAsyncDisposable
{
    /// <summary>Starts every loop; they run until the phase is <see cref="RunPhase.Stopped"/>.</summary>
    public void Start(RunPhase phase, CancellationToken cancellationToken);

    /// <summary>Waits (bounded) for every loop to end after the phase moved to <see cref="RunPhase.Stopped"/>.</summary>
    public Task<ClientLoops> StopAsync();
}
