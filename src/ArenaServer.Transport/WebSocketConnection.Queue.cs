using ArenaServer.WebSockets;

namespace ArenaServer.Transport;

/// <summary>The outbound side shared by producers (any thread) and the write loop: message queue, snapshot slot,
/// control slot and the pending Close frame, all guarded by one short lock.</summary>
public sealed partial class WebSocketConnection
{
    // Pongs (and our one Ping) waiting for the write loop; a live client drains them within one flush.
    private const int MaxPendingControlFrames = 64;

    private readonly object _gate; // the writer's work item (see the constructor)
    private Queue<OutboundFrame>? _messages;
    private OutboundFrame? _controlSlot;      // the oldest pending control frame: usually the only one (our Ping, a Pong)
    private Queue<OutboundFrame>? _control;   // the ones behind it, allocated only when a client piles Pings up
    private OutboundFrame? _snapshot;
    private OutboundFrame? _closeFrame;
    private volatile bool _acceptingData = true;
    private volatile bool _lost;
    private WebSocketCloseInfo? _closeInfo;
    private long _closeDeadline;

    /// <summary>Queues a frame behind the messages already queued; never waits.</summary>
    /// <param name="frame">The frame; on <see cref="EnqueueResult.Enqueued"/> the queue owns one reference, otherwise
    /// the caller still does (and usually releases it).</param>
    /// <returns><see cref="EnqueueResult.Enqueued"/>; <see cref="EnqueueResult.QueueFull"/>, after which the connection
    /// closes with 4008 (reliable messages are never dropped silently); or <see cref="EnqueueResult.Closed"/>.</returns>
    public EnqueueResult TryEnqueue(OutboundFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        bool enqueued;
        lock (_gate)
        {
            if (!_acceptingData)
            {
                return EnqueueResult.Closed;
            }

            _messages ??= new Queue<OutboundFrame>();
            enqueued = _messages.Count < _options.OutboundQueueCapacity;
            if (enqueued)
            {
                _messages.Enqueue(frame);
            }
        }

        if (enqueued)
        {
            // Outside the lock: on plain TCP an idle write loop runs (and sends) inline, on this thread.
            SignalWrite();
            return EnqueueResult.Enqueued;
        }

        _transport.Listener.LogDrop(Id, CloseReason.SlowConsumer, "outbound queue full");
        CloseWith(new WebSocketCloseInfo(CloseReason.SlowConsumer, TransportCloseCodes.SlowConsumer, "slow consumer"),
            OutboundFrame.CreateClose(TransportCloseCodes.SlowConsumer, "slow consumer"), dropQueued: true);
        return EnqueueResult.QueueFull;
    }

    /// <summary>Copies <paramref name="payload"/> into a pooled frame and queues it (see <see cref="TryEnqueue"/>).</summary>
    /// <param name="type">Text (valid UTF-8) or binary.</param>
    /// <param name="payload">The message bytes.</param>
    /// <returns>The queue outcome; the frame is released here unless it was enqueued.</returns>
    public EnqueueResult TrySend(WebSocketMessageType type, ReadOnlySpan<byte> payload)
    {
        OutboundFrame frame = OutboundFrame.Create(type, payload);
        EnqueueResult result = TryEnqueue(frame);
        if (result != EnqueueResult.Enqueued)
        {
            frame.Release();
        }

        return result;
    }

    /// <summary>Puts a frame in the one-slot snapshot, replacing (and releasing) an unsent older one. The snapshot is
    /// written after the messages queued before it, never ahead of them.</summary>
    /// <param name="frame">The snapshot frame; unless <see cref="EnqueueResult.Closed"/> is returned the slot owns one
    /// reference.</param>
    /// <returns><see cref="EnqueueResult.Enqueued"/>, <see cref="EnqueueResult.Coalesced"/> when an older snapshot was
    /// replaced, or <see cref="EnqueueResult.Closed"/>.</returns>
    public EnqueueResult TrySetSnapshot(OutboundFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        OutboundFrame? older;
        lock (_gate)
        {
            if (!_acceptingData)
            {
                return EnqueueResult.Closed;
            }

            older = _snapshot;
            _snapshot = frame;
        }

        SignalWrite();

        if (older is null)
        {
            return EnqueueResult.Enqueued;
        }

        older.Release();
        return EnqueueResult.Coalesced;
    }

    /// <summary>Queues a Ping or Pong ahead of messages (RFC 6455 §5.5.2: answer "as soon as practical").</summary>
    /// <remarks>Bounded by <see cref="MaxPendingControlFrames"/>: a client that floods Pings without reading the Pongs
    /// is a slow consumer like any other, not a way to grow server memory.</remarks>
    private void EnqueueControl(OutboundFrame frame)
    {
        bool accepted = false;
        bool full = false;
        lock (_gate)
        {
            if (_acceptingData)
            {
                if (_controlSlot is null)
                {
                    _controlSlot = frame;
                    accepted = true;
                }
                else
                {
                    _control ??= new Queue<OutboundFrame>();
                    full = _control.Count + 1 >= MaxPendingControlFrames;
                    if (!full)
                    {
                        _control.Enqueue(frame);
                        accepted = true;
                    }
                }
            }
        }

        if (accepted)
        {
            SignalWrite();
            return;
        }

        frame.Release();
        if (full)
        {
            _transport.Listener.LogDrop(Id, CloseReason.SlowConsumer, "control frames piling up");
            CloseWith(new WebSocketCloseInfo(CloseReason.SlowConsumer, TransportCloseCodes.SlowConsumer, "slow consumer"),
                dropQueued: true);
        }
    }

    private void ReleaseAllQueued()
    {
        List<OutboundFrame>? dropped = null;
        lock (_gate)
        {
            TakeAll(ref dropped);
            if (_closeFrame is not null)
            {
                (dropped ??= []).Add(_closeFrame);
                _closeFrame = null;
            }
        }

        ReleaseAll(dropped);
    }

    // Called under _gate.
    private void TakeAll(ref List<OutboundFrame>? dropped)
    {
        while (_messages is { Count: > 0 })
        {
            (dropped ??= []).Add(_messages.Dequeue());
        }

        if (_controlSlot is not null)
        {
            (dropped ??= []).Add(_controlSlot);
            _controlSlot = null;
        }

        while (_control is { Count: > 0 })
        {
            (dropped ??= []).Add(_control.Dequeue());
        }

        if (_snapshot is not null)
        {
            (dropped ??= []).Add(_snapshot);
            _snapshot = null;
        }
    }

    private static void ReleaseAll(List<OutboundFrame>? frames)
    {
        if (frames is null)
        {
            return;
        }

        foreach (OutboundFrame frame in frames)
        {
            frame.Release();
        }
    }
}
