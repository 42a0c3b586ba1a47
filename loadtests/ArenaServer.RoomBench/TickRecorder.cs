using System.Collections.Concurrent;

namespace ArenaServer.RoomBench;

/// <summary>What one tick thread measured: tick durations, start lateness, ticks run, and the bytes it allocated.</summary>
/// <remarks>One instance per tick thread, created on the thread's first room wake-up (during warm-up) and written only
/// by that thread; the main thread reads them once the measurement window closed.</remarks>
internal sealed class TickRecorder
{
    private static readonly ConcurrentQueue<TickRecorder> s_all = new();
    private static volatile bool s_measuring;

    [ThreadStatic]
    private static TickRecorder? t_current;

    private long _threadAllocatedAtStart = -1;

    public static bool Measuring
    {
        get => s_measuring;
        set => s_measuring = value;
    }

    public static IEnumerable<TickRecorder> All => s_all;

    public static TickRecorder Current
    {
        get
        {
            if (t_current is null)
            {
                t_current = new TickRecorder(Environment.CurrentManagedThreadId);
                s_all.Enqueue(t_current);
            }

            return t_current;
        }
    }

    public int ThreadId { get; }

    public MicrosecondHistogram Durations { get; } = new();

    public MicrosecondHistogram Lateness { get; } = new();

    public long Ticks { get; private set; }

    public long Wakeups { get; private set; }

    public long CatchUpWakeups { get; private set; }

    /// <summary>Bytes allocated inside <c>Advance</c> (the room hosts' ticks, hooks and sinks).</summary>
    public long AllocatedInAdvance { get; private set; }

    /// <summary>Bytes allocated by the whole thread (tick loop included) between its first and last measured wake-up.</summary>
    public long AllocatedByThread { get; private set; }

    private TickRecorder(int threadId)
    {
        ThreadId = threadId;
    }

    public void Record(long lateness, long duration, int steps, long allocated, long threadAllocatedAfter)
    {
        if (!s_measuring || steps == 0)
        {
            return;
        }

        if (_threadAllocatedAtStart < 0)
        {
            _threadAllocatedAtStart = threadAllocatedAfter - allocated;
        }

        AllocatedByThread = threadAllocatedAfter - _threadAllocatedAtStart;
        AllocatedInAdvance += allocated;
        Wakeups++;
        Ticks += steps;
        CatchUpWakeups += steps > 1 ? 1 : 0;
        Lateness.RecordTimestampTicks(lateness);
        long perTick = duration / steps;
        for (int i = 0; i < steps; i++)
        {
            Durations.RecordTimestampTicks(perTick);
        }
    }
}
