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
        // The body is shared by every recipient: the frame holds this recipient's prefix and refers to the body, and the
        // write loop sends prefix + body (+ JSON suffix) as one WebSocket frame in one gathered send (ARCHITECTURE.md §9).
        OutboundFrame frame = snapshot.ToWireFrame(); // takes over the body reference this sink was handed
        EnqueueResult result = connection.TrySetSnapshot(frame);
        if (result is not (EnqueueResult.Enqueued or EnqueueResult.Coalesced))
        {
            // The caller releases the body reference it handed over on a refusal: keep it alive for that release.
            snapshot.Body.AddReference();
            frame.Release();
            return SinkResult.Closed;
        }

        return result == EnqueueResult.Coalesced ? SinkResult.Coalesced : SinkResult.Accepted;
    }

    public void Close(ushort code, string reason) => connection.Close(code, reason);
}
