using System.Buffers;
using System.IO.Pipelines;
using ArenaServer.Transport.Internal;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport;

/// <summary>The write loop: control slot, then queued messages (FIFO), then the latest snapshot, then a pending
/// Close; one flush per batch (ARCHITECTURE.md §4).</summary>
/// <remarks>On plain TCP a batch is one gathered socket send of the frames' own buffers (no copy into a pipe, no
/// hop to a send pump), and the frames are released when the send completed; on TLS it is copied into the pipe and
/// flushed once.</remarks>
public sealed partial class WebSocketConnection
{
    // Bounds the iovec count of one gathered send (Linux IOV_MAX is 1024); the rest goes in the next batch.
    private const int MaxFramesPerSend = 256;

    // Always a thread-pool hop to the write loop, never inline on the producer's thread. Measured: writing inline on
    // TryEnqueue sends every frame on its own (1,000 connections, 8 broadcasts in flight: 87k frames/s at 7.5 us
    // server CPU per frame, against 271k at 1.3 us when the frames queued during the hop share one gathered send).
    private readonly AsyncSignal _writeSignal = new();
    private long _flushStartedAt;
    private SocketSender? _batch;

    /// <summary>Gets whether a flush is waiting on the socket (the client is not reading fast enough).</summary>
    internal bool IsFlushPending => Volatile.Read(ref _flushStartedAt) != 0;

    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                await _writeSignal.WaitAsync().ConfigureAwait(false);
                if (_lost)
                {
                    return;
                }

                bool wrote = WriteBatch(out bool closeWritten);
                if (wrote)
                {
                    Volatile.Write(ref _flushStartedAt, Math.Max(1, _time.GetTimestamp()));
                    ValueTask<FlushResult> pending = _output!.FlushAsync();
                    FlushResult flush = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
                    Volatile.Write(ref _flushStartedAt, 0);
                    if (flush.IsCompleted || flush.IsCanceled)
                    {
                        MarkLost(CloseReason.ConnectionLost);
                        return;
                    }
                }

                if (closeWritten)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (SocketConnection.IsConnectionError(ex) || ex is InvalidOperationException)
        {
            MarkLost(CloseReason.ConnectionLost);
            _transport.Abort();
        }
    }

    /// <summary>The plain-TCP write loop: each batch is one gathered send of the frames' own buffers.</summary>
    private async Task DirectWriteLoopAsync(SocketConnection direct)
    {
        try
        {
            await direct.DetachOutputAsync().ConfigureAwait(false); // the 101 is on the wire before any frame
            bool closeWritten = false;
            while (!closeWritten)
            {
                await _writeSignal.WaitAsync().ConfigureAwait(false);
                if (_lost)
                {
                    return;
                }

                SocketSender sender = direct.Senders.Rent();
                try
                {
                    _batch = sender;
                    bool wrote;
                    try
                    {
                        wrote = WriteBatch(out closeWritten);
                    }
                    finally
                    {
                        _batch = null;
                    }

                    if (wrote)
                    {
                        // Stall detection (SlowConsumerTimeout) now watches the socket send itself.
                        Volatile.Write(ref _flushStartedAt, Math.Max(1, _time.GetTimestamp()));
                        await sender.SendAddedAsync(direct.Socket).ConfigureAwait(false);
                        Volatile.Write(ref _flushStartedAt, 0);
                    }
                }
                finally
                {
                    // After the send (or its failure) and never before: the socket read these buffers until now.
                    foreach (OutboundFrame frame in sender.Frames)
                    {
                        frame.Release();
                    }

                    direct.Senders.Return(sender);
                }
            }
        }
        catch (Exception ex) when (SocketConnection.IsConnectionError(ex) || ex is InvalidOperationException)
        {
            MarkLost(CloseReason.ConnectionLost);
            _transport.Abort();
        }
    }

    /// <summary>Puts one batch into the gathered send (plain TCP) or copies it into the pipe (TLS); returns whether
    /// anything was written.</summary>
    private bool WriteBatch(out bool closeWritten)
    {
        closeWritten = false;
        bool wrote = false;
        OutboundFrame? snapshot;
        lock (_gate)
        {
            // Taken before the queue is drained, so every message queued before it is written first (ARCHITECTURE.md §4).
            snapshot = _snapshot;
            _snapshot = null;
        }

        while (TryDequeue(ref _control, out OutboundFrame? control))
        {
            if (control.Opcode == Opcode.Ping)
            {
                MarkPingWritten(); // RTT counts from the wire, not from the heartbeat that queued the Ping
            }

            wrote |= Write(control);
        }

        for (int budget = _options.OutboundQueueCapacity; budget > 0 && !IsBatchFull() && TryDequeue(ref _messages, out OutboundFrame? message); budget--)
        {
            wrote |= Write(message);
        }

        bool more;
        lock (_gate)
        {
            more = _messages is { Count: > 0 } || _control is { Count: > 0 };
            if (more && snapshot is not null && _snapshot is null && !_lost)
            {
                // Messages older than the snapshot are still queued: put it back behind them.
                _snapshot = snapshot;
                snapshot = null;
            }
        }

        if (snapshot is not null)
        {
            if (more)
            {
                snapshot.Release(); // a newer snapshot replaced it meanwhile
            }
            else
            {
                wrote |= Write(snapshot);
            }
        }

        if (more)
        {
            _writeSignal.Set();
            return wrote;
        }

        OutboundFrame? close;
        lock (_gate)
        {
            close = _snapshot is null ? _closeFrame : null;
            if (close is not null)
            {
                _closeFrame = null;
            }
            else if (_snapshot is not null)
            {
                _writeSignal.Set();
            }
        }

        if (close is not null)
        {
            wrote |= Write(close);
            closeWritten = true;
        }

        return wrote;
    }

    private bool TryDequeue(ref Queue<OutboundFrame>? queue, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OutboundFrame? frame)
    {
        lock (_gate)
        {
            if (queue is { Count: > 0 } && !_lost)
            {
                frame = queue.Dequeue();
                if (_drainWanted && queue == _messages && queue.Count <= _options.OutboundQueueCapacity / 4)
                {
                    _drainWanted = false;
                    _drainSignal.Set();
                }

                return true;
            }
        }

        frame = null;
        return false;
    }

    // A direct batch stops at MaxWriteBufferSize bytes or MaxFramesPerSend frames, as the pipe's flush would wait there.
    private bool IsBatchFull()
        => _batch is { } batch && (batch.PendingBytes >= _options.MaxWriteBufferSize || batch.Frames.Count >= MaxFramesPerSend);

    private bool Write(OutboundFrame frame)
    {
        if (_batch is { } batch)
        {
            batch.Frames.Add(frame); // owned by the batch from here: released once, after the send
            batch.Add(frame.Memory);
            return true;
        }

        try
        {
            _output!.Write(frame.Memory.Span);
        }
        finally
        {
            frame.Release();
        }

        return true;
    }

    /// <summary>Encodes a control frame for the control slot (RFC 6455 §5.5: at most 125 bytes, never fragmented).</summary>
    private static OutboundFrame CreateControl(Opcode opcode, ReadOnlySpan<byte> payload)
        => OutboundFrame.Create(opcode, payload, ArrayPool<byte>.Shared);
}
