using ArenaServer.Server.Rooms;
using ArenaServer.Transport;

namespace ArenaServer.Server.Tests.Rooms;

/// <summary>A connection that writes instantly: it releases every frame it is handed.</summary>
internal sealed class ReleasingSink : IPlayerSink
{
    public bool PrefersJson => false;

    public long Snapshots { get; private set; }

    public SinkResult TrySend(OutboundFrame frame)
    {
        frame.Release();
        return SinkResult.Accepted;
    }

    public SinkResult TrySetSnapshot(SnapshotFrame snapshot)
    {
        snapshot.Body.Release();
        Snapshots++;
        return SinkResult.Accepted;
    }

    public void Close(ushort code, string reason)
    {
    }
}
