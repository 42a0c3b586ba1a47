using Microsoft.Extensions.Logging;

namespace ArenaServer.Server.Rooms;

/// <summary>One dedicated, named background thread that ticks the rooms placed on it, for their whole life.</summary>
/// <remarks><see cref="Add"/> may be called from any thread; rooms are picked up at the next wake-up. Everything a
/// room does runs on this thread. The loop never awaits: it sleeps until the earliest room is due, or until a room is
/// added or the pool stops.</remarks>
internal sealed class TickThread : IDisposable
{
    private readonly object _gate = new();
    private readonly List<ITickable> _incoming = [];
    private readonly List<ITickable> _rooms = [];
    private readonly AutoResetEvent _wake = new(false);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private readonly Action<ITickable> _onClosed;
    private volatile bool _stopping;
    private bool _shutdownRequested;
    private int _load;
    private long _busySince;

    public TickThread(int index, TimeProvider time, ILogger logger, Action<ITickable> onClosed)
    {
        _time = time;
        _logger = logger;
        _onClosed = onClosed;
        _thread = new Thread(RunLoop) { Name = $"ArenaServer Tick {index}", IsBackground = true };
    }

    /// <summary>Gets the clock's timestamp at which the loop's current pass began, or 0 while it waits for the next
    /// one (<c>/healthz</c> stall detection); any thread. Only a pass that does not end counts, so waiting (which
    /// follows the room clock) never looks like a stall.</summary>
    public long BusySinceTimestamp => Volatile.Read(ref _busySince);

    /// <summary>Gets whether the loop has stopped (or is stopping) on purpose.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Gets the number of rooms placed on this thread (for least-loaded placement).</summary>
    public int Load => Volatile.Read(ref _load);

    /// <summary>Gets the thread's name.</summary>
    public string Name => _thread.Name!;

    /// <summary>Starts the loop.</summary>
    public void Start() => _thread.Start();

    /// <summary>Places a room on this thread; any thread. The thread starts it (<c>OnCreated</c>) if needed.</summary>
    /// <param name="room">The room.</param>
    public void Add(ITickable room)
    {
        lock (_gate)
        {
            _incoming.Add(room);
        }

        Interlocked.Increment(ref _load);
        _wake.Set();
    }

    /// <summary>Asks every room on this thread to close for a server shutdown; any thread.</summary>
    public void RequestShutdown()
    {
        lock (_gate)
        {
            _shutdownRequested = true;
        }

        _wake.Set();
    }

    /// <summary>Stops the loop and waits for it to exit.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>Whether the thread exited in time.</returns>
    public bool Stop(TimeSpan timeout)
    {
        _stopping = true;
        _wake.Set();
        return !_thread.IsAlive || _thread.Join(timeout);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(5));
        _wake.Dispose();
    }

    private void RunLoop()
    {
        while (!_stopping)
        {
            TimeSpan wait = TimeSpan.FromMilliseconds(50);
            Volatile.Write(ref _busySince, Math.Max(1, _time.GetTimestamp()));
            try
            {
                TakeIncoming();
                wait = TickDueRooms();
            }
            catch (Exception ex)
            {
                // Hooks are fenced in the host; this is a bug in the engine, and the other rooms must keep running.
                RoomLog.TickThreadFailed(_logger, Name, ex);
            }

            // A room stuck in a hook (an endless loop, a blocking call) never gets here, which /healthz reports.
            Volatile.Write(ref _busySince, 0);

            if (wait >= TimeSpan.FromMilliseconds(1))
            {
                // WaitOne counts whole milliseconds (it truncates): sleep the whole ones here, interruptible by a new
                // room or a shutdown, and the sub-millisecond rest below.
                _wake.WaitOne((int)Math.Min(Math.Floor(wait.TotalMilliseconds), int.MaxValue));
            }
            else if (wait > TimeSpan.Zero)
            {
                // Less than a millisecond to go: a timed wait would return at once (and the loop would spin) or
                // oversleep to the next millisecond; a precise short sleep does neither (docs/benchmarks.md, room
                // tick engine).
                PreciseSleep.Sleep(wait);
            }
        }
    }

    private void TakeIncoming()
    {
        bool shutdown;
        int first = _rooms.Count;
        lock (_gate)
        {
            _rooms.AddRange(_incoming);
            _incoming.Clear();
            shutdown = _shutdownRequested;
        }

        // OnCreated runs here, so every hook of a room runs on its own tick thread.
        for (int i = first; i < _rooms.Count; i++)
        {
            _rooms[i].Start();
        }

        if (shutdown)
        {
            foreach (ITickable room in _rooms)
            {
                room.RequestShutdown();
            }
        }
    }

    private TimeSpan TickDueRooms()
    {
        long now = _time.GetTimestamp();
        long nextDue = long.MaxValue;
        for (int i = _rooms.Count - 1; i >= 0; i--)
        {
            ITickable room = _rooms[i];
            if (room.NextDueTimestamp <= now || room.IsShutdownRequested)
            {
                room.Advance();
            }

            if (room.IsClosed)
            {
                _rooms.RemoveAt(i);
                Interlocked.Decrement(ref _load);
                _onClosed(room);
                continue;
            }

            nextDue = Math.Min(nextDue, room.NextDueTimestamp);
        }

        if (nextDue == long.MaxValue)
        {
            return TimeSpan.FromMilliseconds(50);
        }

        TimeSpan untilDue = _time.GetElapsedTime(now, nextDue);
        return untilDue <= TimeSpan.Zero ? TimeSpan.Zero : untilDue;
    }
}
