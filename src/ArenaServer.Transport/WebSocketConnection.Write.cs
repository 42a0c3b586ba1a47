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
    // Bounds the iovec count of one gathered send (Linux IOV_MAX is 1024; a gathered snapshot frame is up to 3
    // iovecs, so 768 at most); the rest goes in the next batch.
    private const int MaxFramesPerSend = 256;

    // The writer's states. Other threads' frames always reach the writer through a thread-pool hop, never inline on
    // the producer's thread. Measured: writing inline on TryEnqueue sends every frame on its own (1,000 connections,
    // 8 broadcasts in flight: 87k frames/s at 7.5 us server CPU per frame, against 271k at 1.3 us when the frames
    // queued during the hop share one gathered send). Frames queued while a read loop processes a receive (echo
    // replies, Pongs, a handler's broadcast) are collected per thread and started when it is done: a few inline, with
    // no hop; many as one thread-pool work item instead of one each (DeferredWriters). Between batches nothing of the
    // writer exists: no parked async loop, no wait handle, so an idle connection holds no write state at all.
    private const int WriterIdle = 0;      // nothing to write; the next signal queues the writer
    private const int WriterRunning = 1;   // queued or writing (or, on plain TCP, waiting for the 101 to be sent)
    private const int WriterRequested = 2; // running, and signalled again: run another batch before going idle
    private const int WriterFinished = 3;  // the Close frame was written or the connection was lost: never again
    private const int WriterDeferred = 4;  // collected by a read loop's DeferredWriters scope, which will run it

    private int _writerState;
    private TaskCompletionSource? _writerDone; // under _gate; only when the read loop waits for the writer to finish
    private readonly WriterWorkItem _writerWorkItem;
    private long _flushStartedAt;
    private SocketSender? _batch;
    private bool _sendingClose; // plain TCP: whether the batch whose send is pending holds the Close frame

    // The state is the batch's sender, which knows its connection: no allocation per pending send.
    private static readonly Action<object?> s_resumeDirectWriter = static state =>
    {
        var sender = (SocketSender)state!;
        ((WebSocketConnection)sender.Owner!).ResumeDirectWriter(sender);
    };

    /// <summary>Gets whether a flush is waiting on the socket (the client is not reading fast enough).</summary>
    internal bool IsFlushPending => Volatile.Read(ref _flushStartedAt) != 0;

    /// <summary>Makes the writer run a batch soon (on the thread pool); signals coalesce, and any thread may call it.</summary>
    private void SignalWrite()
    {
        while (true)
        {
            int state = Volatile.Read(ref _writerState);
            switch (state)
            {
                case WriterIdle when DeferredWriters.IsDeferring:
                    if (Interlocked.CompareExchange(ref _writerState, WriterDeferred, WriterIdle) == WriterIdle)
                    {
                        DeferredWriters.Add(this);
                        return;
                    }

                    break;
                case WriterIdle:
                    if (Interlocked.CompareExchange(ref _writerState, WriterRunning, WriterIdle) == WriterIdle)
                    {
                        if (_direct?.Ring is { } ring)
                        {
                            ring.Post(_writerWorkItem); // with the ring's other sends, in one submission
                        }
                        else
                        {
                            ThreadPool.UnsafeQueueUserWorkItem(_writerWorkItem, preferLocal: false);
                        }

                        return;
                    }

                    break;
                case WriterRunning:
                    if (Interlocked.CompareExchange(ref _writerState, WriterRequested, WriterRunning) == WriterRunning)
                    {
                        return;
                    }

                    break;
                default:
                    return; // already requested, or finished
            }
        }
    }

    /// <summary>Runs a writer that <see cref="DeferredWriters"/> collected, on the calling thread. Its sends usually
    /// complete at once; one that must wait continues asynchronously.</summary>
    internal void RunDeferredWriter()
    {
        if (Interlocked.CompareExchange(ref _writerState, WriterRunning, WriterDeferred) == WriterDeferred)
        {
            RunWriter();
        }
    }

    /// <summary>Lets the writer go once the 101 is on the wire (plain TCP starts it held in <see cref="WriterRunning"/>).</summary>
    private void ReleaseWriter()
    {
        if (Interlocked.Exchange(ref _writerState, WriterIdle) == WriterRequested)
        {
            SignalWrite();
        }
    }

    /// <summary>A task that completes when the writer has finished (Close written or connection lost).</summary>
    private Task WhenWriterFinished()
    {
        lock (_gate)
        {
            if (Volatile.Read(ref _writerState) == WriterFinished)
            {
                return Task.CompletedTask;
            }

            _writerDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _writerDone.Task;
        }
    }

    private void FinishWriter()
    {
        TaskCompletionSource? done;
        lock (_gate)
        {
            Volatile.Write(ref _writerState, WriterFinished);
            done = _writerDone;
        }

        done?.TrySetResult();
    }

    /// <summary>Runs the writer on the calling thread: <see cref="RunDirectWriter"/> on plain TCP,
    /// <see cref="RunWriterAsync"/> on TLS.</summary>
    private void RunWriter()
    {
        if (_direct is null)
        {
            _ = RunWriterAsync();
        }
        else
        {
            RunDirectWriter();
        }
    }

    /// <summary>The plain-TCP writer: batches until nothing is left, then idle; finished for good after the Close frame
    /// or a lost connection. Runs as one instance at a time (see <see cref="SignalWrite"/>).</summary>
    /// <remarks>Not an async method: a send that completes later (on io_uring, every send) resumes it through
    /// <see cref="SocketConnection.OnSendCompleted"/> with a static callback and this connection as its state, so a
    /// batch allocates nothing, where an awaiting async method would box its state machine per batch (measured: 296 B
    /// per echoed message on the ring's thread, <c>IoUringAllocationTests</c>).</remarks>
    private void RunDirectWriter()
    {
        SocketConnection direct = _direct!;
        try
        {
            while (true)
            {
                if (!BeginBatch())
                {
                    return;
                }

                SocketSender sender = direct.Senders.Rent();
                bool wrote;
                bool closeWritten;
                _batch = sender;
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
                    // Stall detection (SlowConsumerTimeout) watches the socket send itself.
                    Volatile.Write(ref _flushStartedAt, Math.Max(1, _time.GetTimestamp()));
                    ValueTask<int> sending;
                    try
                    {
                        sending = direct.SendAsync(sender);
                    }
                    catch
                    {
                        EndBatch(direct, sender);
                        throw;
                    }

                    if (!sending.IsCompleted)
                    {
                        _sendingClose = closeWritten;
                        sender.Owner = this;
                        direct.OnSendCompleted(sender, sending, s_resumeDirectWriter);
                        return; // ResumeDirectWriter carries on
                    }

                    EndSentBatch(direct, sender, sending);
                }
                else
                {
                    EndBatch(direct, sender);
                }

                if (!ContinueAfterBatch(closeWritten))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (SocketConnection.IsConnectionError(ex) || ex is InvalidOperationException)
        {
            OnWriterFailed();
        }
    }

    /// <summary>The continuation of a send that completed later: observes its result, ends the batch and carries on.</summary>
    private void ResumeDirectWriter(SocketSender sender)
    {
        try
        {
            EndSentBatch(_direct!, sender, sender.PendingSend);
        }
        catch (Exception ex) when (SocketConnection.IsConnectionError(ex) || ex is InvalidOperationException)
        {
            OnWriterFailed();
            return;
        }

        if (ContinueAfterBatch(_sendingClose))
        {
            RunDirectWriter();
        }
    }

    /// <summary>Before a batch: consumes a request made before it; finishes the writer if the connection was lost.</summary>
    /// <returns><see langword="false"/> when the writer finished.</returns>
    private bool BeginBatch()
    {
        Volatile.Write(ref _writerState, WriterRunning);
        if (_lost)
        {
            FinishWriter();
            return false;
        }

        return true;
    }

    /// <summary>After a batch: finishes the writer for good, goes idle, or asks for another batch (signalled meanwhile).</summary>
    /// <returns><see langword="true"/> to run another batch.</returns>
    private bool ContinueAfterBatch(bool closeWritten)
    {
        if (closeWritten || _lost)
        {
            FinishWriter();
            return false;
        }

        // Idle unless signalled during the batch; a later signal starts the writer again.
        return Interlocked.CompareExchange(ref _writerState, WriterIdle, WriterRunning) != WriterRunning;
    }

    private void OnWriterFailed()
    {
        MarkLost(CloseReason.ConnectionLost);
        _transport.Abort();
        FinishWriter();
    }

    /// <summary>Ends a batch whose send completed: observes the send's outcome (throws what it threw), releases the
    /// batch and stops the stall clock.</summary>
    private void EndSentBatch(SocketConnection direct, SocketSender sender, ValueTask<int> sent)
    {
        try
        {
            _ = sent.Result;
        }
        finally
        {
            EndBatch(direct, sender);
        }

        Volatile.Write(ref _flushStartedAt, 0);
    }

    /// <summary>Releases a batch's frames (after its send, never before: the socket read their buffers until now) and
    /// returns its sender.</summary>
    private static void EndBatch(SocketConnection direct, SocketSender sender)
    {
        foreach (OutboundFrame frame in sender.Frames)
        {
            frame.Release();
        }

        direct.Senders.Return(sender);
    }

    /// <summary>The TLS writer: batches copied into the pipe until nothing is left, then idle; finished for good after
    /// the Close frame or a lost connection. Runs as one instance at a time (see <see cref="SignalWrite"/>).</summary>
    private async Task RunWriterAsync()
    {
        try
        {
            while (true)
            {
                if (!BeginBatch())
                {
                    return;
                }

                if (!ContinueAfterBatch(await FlushBatchAsync().ConfigureAwait(false)))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (SocketConnection.IsConnectionError(ex) || ex is InvalidOperationException)
        {
            OnWriterFailed();
        }
    }

    /// <summary>TLS: one batch copied into the pipe, one flush.</summary>
    /// <returns>Whether the Close frame was written.</returns>
    private async ValueTask<bool> FlushBatchAsync()
    {
        bool wrote = WriteBatch(out bool closeWritten);
        if (wrote)
        {
            Volatile.Write(ref _flushStartedAt, Math.Max(1, _time.GetTimestamp()));
            ValueTask<FlushResult> pending = _transport.Pipe.Output.FlushAsync();
            FlushResult flush = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
            Volatile.Write(ref _flushStartedAt, 0);
            if (flush.IsCompleted || flush.IsCanceled)
            {
                MarkLost(CloseReason.ConnectionLost);
            }
        }

        return closeWritten;
    }

    /// <summary>Queues <see cref="RunWriter"/> without exposing <see cref="IThreadPoolWorkItem"/> on the public type.</summary>
    private sealed class WriterWorkItem(WebSocketConnection connection) : IThreadPoolWorkItem
    {
        public void Execute() => connection.RunWriter();
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

        while (TryDequeueControl(out OutboundFrame? control))
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
            more = _messages is { Count: > 0 } || _controlSlot is not null;
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
            SignalWrite();
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
                SignalWrite();
            }
        }

        if (close is not null)
        {
            wrote |= Write(close);
            closeWritten = true;
        }

        return wrote;
    }

    private bool TryDequeueControl([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OutboundFrame? frame)
    {
        lock (_gate)
        {
            frame = _lost ? null : _controlSlot;
            if (frame is not null)
            {
                _controlSlot = _control is { Count: > 0 } ? _control.Dequeue() : null;
            }
        }

        return frame is not null;
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
                    Volatile.Read(ref _drainSignal)?.Set();
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
            frame.AddTo(batch); // a gathered snapshot adds its prefix, shared body and suffix (up to 3 iovecs)
            return true;
        }

        try
        {
            frame.WriteTo(_transport.Pipe.Output);
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
