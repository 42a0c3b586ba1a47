using System.Buffers;
using ArenaServer.Server.Rooms;
using ArenaServer.Transport;

namespace ArenaServer.RoomBench;

/// <summary>An in-memory player connection that writes instantly: every frame is built as the /ws sink builds it (a
/// snapshot becomes its gathered per-recipient frame), "sent" by copying its bytes into a per-thread scratch buffer as
/// a socket send would, and released.</summary>
/// <remarks>Called on the room's tick thread only. Allocation-free after the thread's first call.</remarks>
internal sealed class BenchPlayerSink(bool prefersJson) : IPlayerSink
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_wire;

    public bool PrefersJson { get; } = prefersJson;

    public long Snapshots { get; private set; }

    public long Messages { get; private set; }

    public long Bytes { get; private set; }

    public long LastSnapshotTick { get; private set; }

    public bool Closed { get; private set; }

    public SinkResult TrySend(OutboundFrame frame)
    {
        Consume(frame);
        Messages++;
        return SinkResult.Accepted;
    }

    public SinkResult TrySetSnapshot(SnapshotFrame snapshot)
    {
        Consume(snapshot.ToWireFrame());
        Snapshots++;
        LastSnapshotTick = snapshot.ServerTick;
        return SinkResult.Accepted;
    }

    public void Close(ushort code, string reason) => Closed = true;

    private void Consume(OutboundFrame frame)
    {
        ArrayBufferWriter<byte> wire = t_wire ??= new ArrayBufferWriter<byte>(64 * 1024);
        wire.ResetWrittenCount();
        frame.WriteTo(wire);
        Bytes += wire.WrittenCount;
        frame.Release();
    }
}
