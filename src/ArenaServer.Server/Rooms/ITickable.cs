using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Rooms;

/// <summary>What a tick thread needs from a room host, without its generic types.</summary>
/// <remarks><see cref="Advance"/> and <see cref="NextDueTimestamp"/> are called only by the owning tick thread.</remarks>
internal interface ITickable
{
    /// <summary>Gets the room id.</summary>
    public RoomId Id { get; }

    /// <summary>Gets whether <see cref="Start"/> ran.</summary>
    public bool IsStarted { get; }

    /// <summary>Runs <c>OnCreated</c> on the room's thread, once; later calls do nothing.</summary>
    public void Start();

    /// <summary>Gets whether the room is closed (the thread then drops it and runs its closing hook).</summary>
    public bool IsClosed { get; }

    /// <summary>Gets the room clock's timestamp at which the next tick falls due.</summary>
    public long NextDueTimestamp { get; }

    /// <summary>Gets whether <see cref="RequestShutdown"/> was called and not yet applied.</summary>
    public bool IsShutdownRequested { get; }

    /// <summary>Asks the room to close (server shutdown, clients get 4001) at its next wake-up; any thread.</summary>
    public void RequestShutdown();

    /// <summary>Runs the ticks that fell due (at most <c>MaxCatchUpTicks</c>; the rest are skipped and counted).</summary>
    /// <returns>The number of ticks run.</returns>
    public int Advance();

    /// <summary>Runs <c>OnClosingAsync</c> once, after ticking stopped; never throws.</summary>
    /// <param name="cancellationToken">Bounds the hook (shutdown timeout).</param>
    /// <returns>The hook's completion.</returns>
    public Task RunClosingHookAsync(CancellationToken cancellationToken);
}
