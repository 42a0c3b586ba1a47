namespace ArenaServer.Transport.Internal;

/// <summary>A connected socket whose bytes move through one of our own I/O engines (io_uring, epoll) instead of the
/// runtime's: one receive and one send may be in flight at a time (the connection's read and write loops).</summary>
internal abstract class EngineSocket
{
    /// <summary>Receives into <paramref name="buffer"/>; an empty buffer waits until data (or end of stream) is there
    /// and returns 0, like a zero-byte receive.</summary>
    public abstract ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Sends every byte of <paramref name="segments"/> (one gathered send, then the rest after a partial one).</summary>
    public abstract ValueTask<int> SendAsync(IReadOnlyList<ArraySegment<byte>> segments, long length);

    /// <summary>Runs <paramref name="continuation"/>(<paramref name="state"/>) when the pending send completes,
    /// without allocating.</summary>
    public abstract void OnSendCompleted(Action<object?> continuation, object state);

    /// <summary>Asks the engine to run this socket's completions on its own I/O thread from now on, for a connection
    /// whose continuations are short and never block (an upgraded WebSocket's read loop); engines that always do, or
    /// never can, ignore it.</summary>
    public virtual void PreferInlineCompletions()
    {
    }

    /// <summary>Stops new operations, ends the ones in flight and closes the socket (idempotent, any thread).</summary>
    public abstract void Close();
}
