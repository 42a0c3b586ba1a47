using ArenaServer.Transport;

namespace ArenaServer.Server.Rooms;

/// <summary>Where a room host sends one seat's output: the seam between the tick thread and a connection. The /ws
/// wiring adapts it to <see cref="WebSocketConnection"/>'s <c>TryEnqueue</c>/<c>TrySetSnapshot</c>; the harness
/// decodes everything it receives.</summary>
/// <remarks>Called only from the room's tick thread. Implementations never block: they enqueue and return an
/// outcome. On a success result the sink owns one reference of the frame; otherwise the caller releases it. A
/// <see cref="SinkResult.QueueFull"/> means the sink closes its connection with 4008: the wiring then reports the drop
/// with <c>TryEnqueueDisconnect(…, SlowConsumer)</c>, so the seat is held.</remarks>
internal interface IPlayerSink
{
    /// <summary>Gets whether the connection speaks <c>arena.v1.json</c>: it then receives text frames, transcoded
    /// once per message per room (not per recipient), and JSON snapshot bodies.</summary>
    public bool PrefersJson { get; }

    /// <summary>Queues a reliable message: a whole envelope (<c>[67, tag, body]</c> or <c>[68, …]</c>), framed.</summary>
    /// <param name="frame">The shared frame.</param>
    /// <returns>The outcome.</returns>
    public SinkResult TrySend(OutboundFrame frame);

    /// <summary>Replaces the pending snapshot (coalescing).</summary>
    /// <param name="snapshot">The shared body plus this recipient's prefix values.</param>
    /// <returns>The outcome.</returns>
    public SinkResult TrySetSnapshot(SnapshotFrame snapshot);

    /// <summary>Called on the tick thread when a join or resume has bound this sink to a seat, just before the
    /// <c>Joined</c>/<c>Resumed</c> envelope is handed to <see cref="TrySend"/>: the connection can then accept the
    /// client's inputs as soon as the client reacts to that envelope (the join's task completes later, on the pool).</summary>
    /// <param name="outcome">The seat's outcome (player, token, tick).</param>
    public void OnSeated(SeatOutcome outcome)
    {
    }

    /// <summary>Closes the connection with a WebSocket close code (after queued messages).</summary>
    /// <param name="code">A code from <c>ArenaServer.Protocol.CloseCodes</c>.</param>
    /// <param name="reason">A short reason.</param>
    public void Close(ushort code, string reason);
}
