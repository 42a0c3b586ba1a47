using ArenaServer.Server.Rooms;
using ArenaServer.Transport;

namespace ArenaServer.Server.Tests.Rooms;

/// <summary>Keeps the frames a room host hands it (holding their references), to check sharing.</summary>
internal sealed class CapturingSink : IPlayerSink
{
    public List<OutboundFrame> Frames { get; } = [];

    public List<SnapshotFrame> Snapshots { get; } = [];

    public ushort? ClosedWith { get; private set; }

    public bool PrefersJson { get; init; }

    public SinkResult NextResult { get; set; } = SinkResult.Accepted;

    public SinkResult TrySend(OutboundFrame frame)
    {
        if (NextResult is SinkResult.Accepted)
        {
            Frames.Add(frame);
        }

        return NextResult;
    }

    public SinkResult TrySetSnapshot(SnapshotFrame snapshot)
    {
        if (NextResult is SinkResult.Accepted)
        {
            Snapshots.Add(snapshot);
        }

        return NextResult;
    }

    public void Close(ushort code, string reason) => ClosedWith ??= code;

    public void ReleaseAll()
    {
        Frames.ForEach(f => f.Release());
        Snapshots.ForEach(s => s.Body.Release());
        Frames.Clear();
        Snapshots.Clear();
    }
}
