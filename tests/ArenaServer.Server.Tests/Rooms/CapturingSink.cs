using ArenaServer.Server.Rooms;
using ArenaServer.Transport;

namespace ArenaServer.Server.Tests.Rooms;

/// <summary>Keeps the frames a room host hands it (holding their references), to check sharing. Thread-safe, since
/// rooms on a tick thread keep sending while the test inspects it.</summary>
internal sealed class CapturingSink : IPlayerSink
{
    private readonly object _gate = new();
    private ushort? _closedWith;

    public List<OutboundFrame> Frames { get; } = [];

    public List<SnapshotFrame> Snapshots { get; } = [];

    public ushort? ClosedWith
    {
        get
        {
            lock (_gate)
            {
                return _closedWith;
            }
        }
    }

    public bool PrefersJson { get; init; }

    public SinkResult NextResult { get; set; } = SinkResult.Accepted;

    public SinkResult TrySend(OutboundFrame frame)
    {
        lock (_gate)
        {
            if (NextResult is SinkResult.Accepted)
            {
                Frames.Add(frame);
            }

            return NextResult;
        }
    }

    public SinkResult TrySetSnapshot(SnapshotFrame snapshot)
    {
        lock (_gate)
        {
            if (NextResult is SinkResult.Accepted)
            {
                Snapshots.Add(snapshot);
            }

            return NextResult;
        }
    }

    public void Close(ushort code, string reason)
    {
        lock (_gate)
        {
            _closedWith ??= code;
        }
    }

    public void ReleaseAll()
    {
        lock (_gate)
        {
            Frames.ForEach(f => f.Release());
            Snapshots.ForEach(s => s.Body.Release());
            Frames.Clear();
            Snapshots.Clear();
        }
    }
}
