using ArenaServer.Server.Rooms;
using ArenaServer.Transport;

namespace ArenaServer.Server.Game;

/// <summary>Adapts one <see cref="WebSocketConnection"/> to the room engine's output seam.</summary>
/// <remarks>Called on the room's tick thread; never blocks (the connection's queue calls only take a short lock).
/// A full reliable queue already makes the transport close with 4008; the session then reports the drop as
/// <see cref="Abstractions.Rooms.DisconnectReason.SlowConsumer"/> from <c>OnClosed</c>, so the seat is held.</remarks>
internal sealed class WebSocketPlayerSink(WebSocketConnection connection, GameSession session, bool prefersJson) : IPlayerSink
{
    public bool PrefersJson { get; } = prefersJson;

    public void OnSeated(SeatOutcome outcome) => session.OnSeated(outcome);

    public SinkResult TrySend(OutboundFrame frame) => connection.TryEnqueue(frame) switch
    {
        EnqueueResult.Enqueued or EnqueueResult.Coalesced => SinkResult.Accepted,
        EnqueueResult.QueueFull => SinkResult.QueueFull,
        _ => SinkResult.Closed,
    };

    public SinkResult TrySetSnapshot(SnapshotFrame snapshot)
    {
        // The body is shared by every recipient; each recipient's prefix differs, so v1 copies it into one frame per
        // recipient (a gathered write of prefix + shared body would avoid the copy).
        OutboundFrameWriter output = OutboundFrame.Rent(snapshot.IsJson ? WebSocketMessageType.Text : WebSocketMessageType.Binary,
            snapshot.Body.PayloadLength + 32);
        snapshot.WriteEnvelope(output);
        OutboundFrame frame = output.Complete();
        EnqueueResult result = connection.TrySetSnapshot(frame);
        if (result is not (EnqueueResult.Enqueued or EnqueueResult.Coalesced))
        {
            frame.Release();
            return SinkResult.Closed;
        }

        // Accepted: this sink owns the reference it was handed, and no longer needs it.
        snapshot.Body.Release();
        return result == EnqueueResult.Coalesced ? SinkResult.Coalesced : SinkResult.Accepted;
    }

    public void Close(ushort code, string reason) => connection.Close(code, reason);
}
