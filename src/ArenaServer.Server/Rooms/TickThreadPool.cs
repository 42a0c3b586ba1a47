using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Server.Rooms;

/// <summary>A fixed set of dedicated tick threads (default: one per core, <c>Server:TickThreads</c>); each room is
/// placed on the least-loaded thread at creation and stays there for life (CONVENTIONS.md §13).</summary>
/// <remarks><see cref="Place"/> may be called from any thread. A closed room leaves its thread, and its
/// <c>OnClosingAsync</c> then runs off the tick thread, observed, bounded by <see cref="ClosingTimeout"/>.</remarks>
internal sealed class TickThreadPool : IDisposable
{
    private readonly TickThread[] _threads;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _placement = new();
    private readonly List<Task> _closingHooks = [];
    private readonly TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _shuttingDown;
    private int _liveRooms;

    /// <summary>Creates and starts <paramref name="threadCount"/> threads.</summary>
    /// <param name="threadCount">1 or more; usually <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="time">The clock the rooms tick by.</param>
    /// <param name="logger">For loop failures.</param>
    public TickThreadPool(int threadCount, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threadCount);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _time = time;
        _threads = new TickThread[threadCount];
        for (int i = 0; i < threadCount; i++)
        {
            _threads[i] = new TickThread(i, time, logger, OnRoomClosed);
            _threads[i].Start();
        }
    }

    /// <summary>Gets or sets how long a closed room's <c>OnClosingAsync</c> may run. Default 30 s (the server's
    /// shutdown timeout).</summary>
    public TimeSpan ClosingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the room count per thread.</summary>
    public IReadOnlyList<int> Loads => [.. _threads.Select(thread => thread.Load)];

    /// <summary>Finds a tick thread whose current loop pass has run for longer than <paramref name="threshold"/> (a room
    /// hook that never returns stops every room on that thread); any thread.</summary>
    /// <param name="threshold">How long a pass may take; <c>/healthz</c> uses 5 s.</param>
    /// <param name="threadName">The first stalled thread's name.</param>
    /// <param name="stalledFor">How long it has made no progress.</param>
    /// <returns>Whether a thread is stalled.</returns>
    public bool TryFindStalled(TimeSpan threshold, [NotNullWhen(true)] out string? threadName, out TimeSpan stalledFor)
    {
        long now = _time.GetTimestamp();
        foreach (TickThread thread in _threads)
        {
            long busySince = thread.BusySinceTimestamp;
            TimeSpan elapsed = busySince == 0 ? TimeSpan.Zero : _time.GetElapsedTime(busySince, now);
            if (!thread.IsStopping && elapsed > threshold)
            {
                threadName = thread.Name;
                stalledFor = elapsed;
                return true;
            }
        }

        threadName = null;
        stalledFor = TimeSpan.Zero;
        return false;
    }

    /// <summary>Places a started room on the least-loaded thread.</summary>
    /// <param name="room">The room.</param>
    /// <returns>The thread's index.</returns>
    public int Place(ITickable room)
    {
        ArgumentNullException.ThrowIfNull(room);
        lock (_placement)
        {
            int best = 0;
            for (int i = 1; i < _threads.Length; i++)
            {
                if (_threads[i].Load < _threads[best].Load)
                {
                    best = i;
                }
            }

            Interlocked.Increment(ref _liveRooms);
            _threads[best].Add(room);
            return best;
        }
    }

    /// <summary>Asks every room to close for a server shutdown (clients get 1001 Going Away, seats are released);
    /// their threads apply it at the next wake-up, then run <c>OnClosingAsync</c>.</summary>
    public void ShutdownRooms()
    {
        Volatile.Write(ref _shuttingDown, true);
        foreach (TickThread thread in _threads)
        {
            thread.RequestShutdown();
        }

        CompleteIfAllClosed();
    }

    /// <summary>Shuts every room down (<see cref="ShutdownRooms"/>) and waits until each has left its thread and its
    /// <c>OnClosingAsync</c> has finished (each bounded by <see cref="ClosingTimeout"/>), so games can persist
    /// results before the process exits.</summary>
    /// <param name="cancellationToken">The server's shutdown deadline.</param>
    /// <returns>A task that completes when every room is closed; cancelled at the deadline.</returns>
    public async Task ShutdownRoomsAsync(CancellationToken cancellationToken)
    {
        ShutdownRooms();
        await _allClosed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Task[] hooks;
        lock (_closingHooks)
        {
            hooks = [.. _closingHooks];
        }

        await Task.WhenAll(hooks).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (TickThread thread in _threads)
        {
            thread.Dispose();
        }
    }

    // Off the tick thread (it must never await); RunClosingHookAsync observes every exception itself.
    private void OnRoomClosed(ITickable room)
    {
        Task hook = RunClosingHookAsync(room);
        lock (_closingHooks)
        {
            _closingHooks.RemoveAll(task => task.IsCompleted);
            _closingHooks.Add(hook);
        }

        Interlocked.Decrement(ref _liveRooms);
        CompleteIfAllClosed();
    }

    // Counted here rather than from the threads' loads: a thread lowers its load before it reports the room, and a
    // shutdown that saw zero then would miss that room's closing hook.
    private void CompleteIfAllClosed()
    {
        if (Volatile.Read(ref _shuttingDown) && Volatile.Read(ref _liveRooms) == 0)
        {
            _allClosed.TrySetResult();
        }
    }

    private async Task RunClosingHookAsync(ITickable room)
    {
        try
        {
            using var timeout = new CancellationTokenSource(ClosingTimeout);
            await room.RunClosingHookAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            RoomLog.ClosingFailed(_logger, room.Id, ex);
        }
    }
}
