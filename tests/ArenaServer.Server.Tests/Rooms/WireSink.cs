using System.Buffers;
using ArenaServer.Server.Rooms;
using ArenaServer.Transport;

namespace ArenaServer.Server.Tests.Rooms;

/// <summary>A connection that writes instantly, the way /ws does: a snapshot becomes its per-recipient gathered frame
/// (<see cref="SnapshotFrame.ToWireFrame"/>), every frame is copied out as a socket send would read it, then released.</summary>
internal sealed class WireSink(bool prefersJson) : IPlayerSink
{
    private readonly ArrayBufferWriter<byte> _wire = new(4096);

    public bool PrefersJson { get; } = prefersJson;

    public int Snapshots { get; private set; }

    public int Messages { get; private set; }

    public byte[] LastWrite => _wire.WrittenSpan.ToArray();

    public SinkResult TrySend(OutboundFrame frame)
    {
        Write(frame);
        Messages++;
        return SinkResult.Accepted;
    }

    public SinkResult TrySetSnapshot(SnapshotFrame snapshot)
    {
        Write(snapshot.ToWireFrame());
        Snapshots++;
        return SinkResult.Accepted;
    }

    public void Close(ushort code, string reason)
    {
    }

    private void Write(OutboundFrame frame)
    {
        _wire.ResetWrittenCount();
        frame.WriteTo(_wire);
        frame.Release();
    }
}
