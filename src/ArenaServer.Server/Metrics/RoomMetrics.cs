using System.Diagnostics.Metrics;

namespace ArenaServer.Server.Metrics;

/// <summary>The room engine's instruments (ARCHITECTURE.md §14): tick durations, overruns and skips per room type,
/// inputs, room output handed to connections, and resume outcomes.</summary>
/// <remarks>Called on tick threads (and, for inputs, on read loops); every call is allocation-free: tags are
/// single cached <see cref="KeyValuePair{TKey, TValue}"/> values.</remarks>
internal sealed class RoomMetrics
{
    // A tick should take well under its 33 ms step (issue 4: p99 <= 2 ms); the upper bounds catch overruns.
    private static readonly double[] s_tickBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.033, 0.05, 0.1, 0.25, 1];

    private static readonly KeyValuePair<string, object?> s_droppedQueue = new("reason", "queue");
    private static readonly KeyValuePair<string, object?> s_droppedPerTick = new("reason", "per_tick");
    private static readonly KeyValuePair<string, object?> s_kindMessage = new("kind", "message");
    private static readonly KeyValuePair<string, object?> s_kindSnapshot = new("kind", "snapshot");
    private static readonly KeyValuePair<string, object?> s_resumed = new("outcome", "resumed");
    private static readonly KeyValuePair<string, object?> s_expired = new("outcome", "expired");
    private static readonly KeyValuePair<string, object?> s_rejected = new("outcome", "rejected");

    private readonly Histogram<double> _tickDuration;
    private readonly Counter<long> _tickOverruns;
    private readonly Counter<long> _tickSkipped;
    private readonly Counter<long> _inputsReceived;
    private readonly Counter<long> _inputsDropped;
    private readonly Counter<long> _outboundFrames;
    private readonly Counter<long> _outboundBytes;
    private readonly Counter<long> _snapshotsCoalesced;
    private readonly Counter<long> _resumes;

    public RoomMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _tickDuration = meter.CreateHistogram<double>("arena.tick.duration", "s",
            "How long one room tick took: commands, OnTick, output encoding and the snapshot.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_tickBuckets });
        _tickOverruns = meter.CreateCounter<long>("arena.tick.overruns", "{tick}", "Ticks that took longer than the fixed step.");
        _tickSkipped = meter.CreateCounter<long>("arena.tick.skipped", "{tick}",
            "Ticks dropped by the catch-up cap (MaxCatchUpTicks) after a stall.");
        _inputsReceived = meter.CreateCounter<long>("arena.inputs.received", "{input}",
            "Decoded inputs offered to a room's input queue.");
        _inputsDropped = meter.CreateCounter<long>("arena.inputs.dropped", "{input}",
            "Inputs dropped: queue (the room's input queue was full), per_tick (over MaxInputsPerPlayerPerTick, out of sequence, or from a seat no longer bound).");
        _outboundFrames = meter.CreateCounter<long>("arena.outbound.frames", "{frame}",
            "Room output frames handed to connections, per recipient: message (Send, Broadcast, events) or snapshot (accepted ones).");
        _outboundBytes = meter.CreateCounter<long>("arena.outbound.bytes", "By",
            "Payload bytes of room output handed to connections, per recipient (encoded once, counted per recipient; MessagePack size).");
        _snapshotsCoalesced = meter.CreateCounter<long>("arena.outbound.snapshots.coalesced", "{snapshot}",
            "Snapshots that replaced an unsent older one in a connection's snapshot slot.");
        _resumes = meter.CreateCounter<long>("arena.resumes", "{resume}",
            "Reconnection outcomes: resumed (seat taken back), rejected (unknown or used token), expired (grace period ran out).");
    }

    /// <summary>Gets a room type's cached tag.</summary>
    public static KeyValuePair<string, object?> RoomTypeTag(string roomType) => new("room_type", roomType);

    /// <summary>Records one tick's duration, and an overrun when it exceeded the step.</summary>
    public void Tick(TimeSpan duration, TimeSpan step, KeyValuePair<string, object?> roomType)
    {
        _tickDuration.Record(duration.TotalSeconds, roomType);
        if (duration > step)
        {
            _tickOverruns.Add(1, roomType);
        }
    }

    /// <summary>Counts ticks dropped by the catch-up cap.</summary>
    public void TicksSkipped(long count, KeyValuePair<string, object?> roomType) => _tickSkipped.Add(count, roomType);

    /// <summary>Counts an input offered to a room, and whether its queue was full.</summary>
    public void InputOffered(bool queued)
    {
        _inputsReceived.Add(1);
        if (!queued)
        {
            _inputsDropped.Add(1, s_droppedQueue);
        }
    }

    /// <summary>Counts inputs the tick dropped over the per-player cap (or out of sequence).</summary>
    public void InputsDroppedPerTick(long count) => _inputsDropped.Add(count, s_droppedPerTick);

    /// <summary>Counts a message (or event) frame of <paramref name="bytes"/> accepted by <paramref name="recipients"/>
    /// connections.</summary>
    public void MessagesSent(int recipients, long bytes)
    {
        if (recipients > 0)
        {
            _outboundFrames.Add(recipients, s_kindMessage);
            _outboundBytes.Add(bytes * recipients, s_kindMessage);
        }
    }

    /// <summary>Counts one snapshot frame accepted by a connection, and whether it replaced an unsent one.</summary>
    public void SnapshotSent(long bytes, bool coalesced)
    {
        _outboundFrames.Add(1, s_kindSnapshot);
        _outboundBytes.Add(bytes, s_kindSnapshot);
        if (coalesced)
        {
            _snapshotsCoalesced.Add(1);
        }
    }

    /// <summary>Counts a seat taken back by a resume.</summary>
    public void Resumed() => _resumes.Add(1, s_resumed);

    /// <summary>Counts a resume refused (unknown, used or expired token).</summary>
    public void ResumeRejected() => _resumes.Add(1, s_rejected);

    /// <summary>Counts a held seat released because its grace period ran out.</summary>
    public void ResumeExpired() => _resumes.Add(1, s_expired);
}
