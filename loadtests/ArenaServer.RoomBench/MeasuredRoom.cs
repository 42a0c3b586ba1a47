using System.Diagnostics;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Rooms;

namespace ArenaServer.RoomBench;

/// <summary>Times one room's wake-ups on its tick thread: a pass-through <see cref="ITickable"/> around the real room
/// host, placed on the real <see cref="TickThreadPool"/> in its stead.</summary>
/// <remarks>Lateness is how long after <see cref="ITickable.NextDueTimestamp"/> the first tick of a wake-up started;
/// duration is the wake-up's time divided by the ticks it ran (more than one only when catching up). Costs two
/// timestamps and two allocation-counter reads per wake-up, and allocates nothing.</remarks>
internal sealed class MeasuredRoom(IRoomHandle room) : ITickable
{
    public IRoomHandle Room => room;

    public RoomId Id => room.Id;

    public bool IsStarted => room.IsStarted;

    public bool IsClosed => room.IsClosed;

    public long NextDueTimestamp => room.NextDueTimestamp;

    public bool IsShutdownRequested => room.IsShutdownRequested;

    public void Start() => room.Start();

    public void RequestShutdown() => room.RequestShutdown();

    public Task RunClosingHookAsync(CancellationToken cancellationToken) => room.RunClosingHookAsync(cancellationToken);

    public int Advance()
    {
        TickRecorder recorder = TickRecorder.Current;
        long due = room.NextDueTimestamp;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        int steps = room.Advance();
        long ended = Stopwatch.GetTimestamp();
        long allocatedAfter = GC.GetAllocatedBytesForCurrentThread();
        recorder.Record(started - due, ended - started, steps, allocatedAfter - allocatedBefore, allocatedAfter);
        return steps;
    }
}
