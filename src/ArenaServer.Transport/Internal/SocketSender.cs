using System.Buffers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace ArenaServer.Transport.Internal;

/// <summary>A reusable send operation, rented from <see cref="SocketSenderPool"/> for one batch and returned after
/// it, so an idle connection holds no send state (Kestrel's SocketSender/SocketSenderPool).</summary>
/// <remarks>Used by one sender at a time, between <see cref="SocketSenderPool.Rent"/> and
/// <see cref="SocketSenderPool.Return"/>. A multi-segment batch goes out as one gathered send (one <c>sendmsg</c>
/// with an iovec per segment) instead of one <c>sendto</c> per segment.</remarks>
internal sealed class SocketSender : SocketAsyncEventArgs, IValueTaskSource<int>
{
    private readonly List<ArraySegment<byte>> _segments = [];
    private ManualResetValueTaskSourceCore<int> _core;

    public SocketSender()
        : base(unsafeSuppressExecutionContextFlow: true)
    {
    }

    /// <summary>Gets the frames whose bytes were added to this batch; their owner releases them once the batch was
    /// sent (or failed), never before: the socket reads their buffers until the send completes.</summary>
    public List<OutboundFrame> Frames { get; } = [];

    /// <summary>Gets or sets the connection whose writer waits for this batch's send (the continuation's state).</summary>
    public object? Owner { get; set; }

    /// <summary>Gets or sets this batch's send while the writer waits for it (see <see cref="SocketConnection.OnSendCompleted"/>).</summary>
    public ValueTask<int> PendingSend { get; set; }

    /// <summary>Gets the segments added since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<ArraySegment<byte>> Segments => _segments;

    /// <summary>Gets the number of segments added since the last <see cref="Reset"/>.</summary>
    public int SegmentCount => _segments.Count;

    /// <summary>Gets the number of bytes added since the last <see cref="Reset"/>.</summary>
    public long PendingBytes { get; private set; }

    /// <summary>Adds an array-backed segment to the next <see cref="SendAddedAsync"/>.</summary>
    public void Add(ReadOnlyMemory<byte> segment)
    {
        if (segment.IsEmpty)
        {
            return;
        }

        if (!MemoryMarshal.TryGetArray(segment, out ArraySegment<byte> array))
        {
            throw new InvalidOperationException("Only array-backed memory can be sent.");
        }

        _segments.Add(array);
        PendingBytes += array.Count;
    }

    /// <summary>Adds every segment of <paramref name="buffers"/>.</summary>
    public void AddAll(in ReadOnlySequence<byte> buffers)
    {
        foreach (ReadOnlyMemory<byte> segment in buffers)
        {
            Add(segment);
        }
    }

    /// <summary>Sends every added segment completely: one gathered send (a single <c>sendmsg</c> on Linux), then,
    /// only after a partial send, the rest piece by piece.</summary>
    /// <returns>The bytes sent (all of them).</returns>
    public async ValueTask<int> SendAddedAsync(Socket socket)
    {
        if (_segments.Count == 0)
        {
            return 0;
        }

        long sent;
        if (_segments.Count == 1)
        {
            sent = await SendAsync(socket, _segments[0].AsMemory()).ConfigureAwait(false);
        }
        else
        {
            SetBuffer(Memory<byte>.Empty);
            BufferList = _segments; // read by the socket until the send completes: cleared only by Reset
            sent = await Start(socket).ConfigureAwait(false);
        }

        if (sent >= PendingBytes)
        {
            return (int)Math.Min(PendingBytes, int.MaxValue);
        }

        // Partial send (the Unix socket engine normally retries until all is sent): finish segment by segment.
        foreach (ArraySegment<byte> segment in _segments.ToArray())
        {
            if (sent >= segment.Count)
            {
                sent -= segment.Count;
                continue;
            }

            for (int offset = (int)sent; offset < segment.Count;)
            {
                offset += await SendAsync(socket, segment.AsMemory(offset)).ConfigureAwait(false);
            }

            sent = 0;
        }

        return (int)Math.Min(PendingBytes, int.MaxValue);
    }

    public void Reset()
    {
        // Do not keep the last batch's memory reachable.
        if (BufferList is not null)
        {
            BufferList = null;
        }
        else
        {
            SetBuffer(Memory<byte>.Empty);
        }

        _segments.Clear();
        Frames.Clear();
        PendingBytes = 0;
        Owner = null;
        PendingSend = default;
    }

    protected override void OnCompleted(SocketAsyncEventArgs e)
    {
        if (SocketError == SocketError.Success)
        {
            _core.SetResult(BytesTransferred);
        }
        else
        {
            _core.SetException(new SocketException((int)SocketError));
        }
    }

    private ValueTask<int> SendAsync(Socket socket, ReadOnlyMemory<byte> buffer)
    {
        if (BufferList is not null)
        {
            BufferList = null;
        }

        SetBuffer(MemoryMarshal.AsMemory(buffer));
        return Start(socket);
    }

    private ValueTask<int> Start(Socket socket)
    {
        _core.Reset();
        if (socket.SendAsync(this))
        {
            return new ValueTask<int>(this, _core.Version);
        }

        return SocketError == SocketError.Success
            ? new ValueTask<int>(BytesTransferred)
            : ValueTask.FromException<int>(new SocketException((int)SocketError));
    }

    int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _core.OnCompleted(continuation, state, token, flags);
}
