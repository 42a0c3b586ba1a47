namespace ArenaServer.Transport.Internal;

/// <summary>A connected socket whose bytes move through one of our own I/O engines (io_uring, epoll) instead of the
/// runtime's: one receive and one send may be in flight at a time (the connection's read and write loops).</summary>
internal abstract class EngineSocket
{
    /// <summary>Receives into <paramref name="buffer"/>; an empty buffer waits until data (or end of stream) is there
    /// and returns 0, like a zero-byte receive.</summary>
    public abstract ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Waits until data (or end of stream) may be there. Unlike a zero-byte <see cref="ReceiveAsync"/> it may
    /// complete with nothing there, so follow it with <see cref="ReceiveAfterWaitAsync"/>.</summary>
    /// <remarks>Engines that learn of data from a readiness signal (epoll) complete on the signal alone and skip the
    /// system call that would confirm it: one call per message less.</remarks>
    public virtual ValueTask<int> WaitForDataAsync() => ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);

    /// <summary>Receives after <see cref="WaitForDataAsync"/>.</summary>
    /// <returns>Bytes received, 0 at end of stream, or -1 when nothing was there after all (wait again; nothing is
    /// left parked holding <paramref name="buffer"/>).</returns>
    public virtual ValueTask<int> ReceiveAfterWaitAsync(Memory<byte> buffer) => ReceiveAsync(buffer, CancellationToken.None);

    /// <summary>Sends every byte of <paramref name="segments"/> (one gathered send, then the rest after a partial one).</summary>
    public abstract ValueTask<int> SendAsync(IReadOnlyList<ArraySegment<byte>> segments, long length);

    /// <summary>Runs <paramref name="continuation"/>(<paramref name="state"/>) when the pending send completes,
    /// without allocating.</summary>
    public abstract void OnSendCompleted(Action<object?> continuation, object state);

    /// <summary>Tells the engine that this socket now carries a connection whose continuations are short and never
    /// block (an upgraded plain-TCP WebSocket's read loop), so it may run them on its own I/O thread: always when
    /// <paramref name="always"/>, otherwise only where the engine sees a gain (epoll: a quiet loop serving this one
    /// busy connection). Until then nothing of the socket runs there. Engines that always do, or never can, ignore it.</summary>
    public virtual void AllowInlineCompletions(bool always)
    {
    }

    /// <summary>Gets whether the engine runs every completion of this socket on its I/O thread.</summary>
    public virtual bool RunsInline => false;

    /// <summary>Stops new operations, ends the ones in flight and closes the socket (idempotent, any thread).</summary>
    public abstract void Close();
}
