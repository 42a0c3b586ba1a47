using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;
using static ArenaServer.Transport.Internal.Epoll.EpollInterop;

namespace ArenaServer.Transport.Internal.Epoll;

/// <summary>A connected socket on an <see cref="EpollLoop"/>: receives and sends are system calls made at once on the
/// calling thread; one that would block is parked until the socket's next edge, and then finished where the loop
/// hands that edge (a thread-pool thread, or the quiet loop's own), where its continuation runs inline.</summary>
/// <remarks>
/// Edge-triggered readiness needs bookkeeping so that no edge is lost: each direction has a sequence number the loop
/// bumps on every event, read before a call and compared under the lock before parking after <c>EAGAIN</c> (an edge
/// in between means: try again). The socket also remembers whether it may be readable: a receive that got fewer
/// bytes than asked for drained the socket (TCP copies all it has), and a receive that got <c>EAGAIN</c> too, so the
/// next zero-byte receive parks without a system call; the next edge says data came. An upgraded connection's read
/// loop waits with <see cref="WaitForDataAsync"/>, which the edge alone completes (a zero-byte receive confirms it
/// with a one-byte peek), so an echo is one <c>recv</c> and one <c>send</c>.
/// <para>The receive is this object's own <see cref="IValueTaskSource{TResult}"/> (a connection always has one read
/// loop); the send's state lives in an <see cref="EpollSend"/> created the first time a send must wait.</para>
/// </remarks>
internal sealed unsafe class EpollSocket : EngineSocket, IValueTaskSource<int>, IThreadPoolWorkItem
{
    /// <summary>The <c>errno</c> our calls report for a socket disposed under them (no real errno is negative).</summary>
    internal const int Disposed = -1;

    private int _dispatchedEvents;
    private volatile bool _inlineAllowed;
    private volatile bool _runsInline;
    private ManualResetValueTaskSourceCore<int> _receive; // continuations run inline where the edge is handled
    private Memory<byte> _receiveBuffer;
    private CancellationToken _receiveCancellation;
    private CancellationTokenRegistration _receiveRegistration;
    private EpollSend? _send;
    private int _readSequence;
    private int _writeSequence;
    private bool _mayBeReadable = true;
    private bool _peerClosed; // the peer's FIN or an error was signalled: a short read no longer means "drained"
    private bool _receiveParked;
    private bool _receiveWaitsOnly; // the parked receive is a WaitForDataAsync: the edge alone completes it
    private bool _sendParked;
    private bool _closed;

    public EpollSocket(Socket socket, EpollLoop loop)
    {
        Socket = socket;
        Handle = socket.SafeHandle;
        Loop = loop;
    }

    public Socket Socket { get; }

    /// <summary>Gets the socket's handle, passed to every call: it keeps the descriptor open while a call uses it.</summary>
    public SafeSocketHandle Handle { get; }

    public EpollLoop Loop { get; }

    /// <summary>Gets whether the loop runs every event of this socket on its own thread instead of the thread pool.</summary>
    public override bool RunsInline => _runsInline;

    /// <summary>Gets whether the loop may run this socket's events on its own thread when it is quiet.</summary>
    public bool InlineAllowed => _inlineAllowed;

    /// <summary>Gets or sets the loop's token for this socket (its slot and the slot's generation).</summary>
    public ulong Token { get; set; }

    private object Gate => this; // one lock per socket without an object of its own; never contended for long

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        return Receive(buffer, cancellationToken, parkWhenEmpty: true);
    }

    /// <remarks>No system call: the socket may be readable (no drain or <c>EAGAIN</c> seen since the last edge) or it
    /// parks until the next edge, and the edge completes it without the one-byte peek a zero-byte receive makes.</remarks>
    public override ValueTask<int> WaitForDataAsync()
    {
        lock (Gate)
        {
            if (_closed)
            {
                return ValueTask.FromException<int>(new ObjectDisposedException(nameof(System.Net.Sockets.Socket)));
            }

            if (_mayBeReadable)
            {
                return new ValueTask<int>(0);
            }

            ValueTask<int> parked = Park(Memory<byte>.Empty, CancellationToken.None);
            _receiveWaitsOnly = true;
            return parked;
        }
    }

    /// <remarks>Never parks: a stale edge (its data already read by an earlier receive) costs one <c>EAGAIN</c>, as
    /// the peek it replaces would, and no buffer stays parked on an idle connection.</remarks>
    public override ValueTask<int> ReceiveAfterWaitAsync(Memory<byte> buffer) => Receive(buffer, CancellationToken.None, parkWhenEmpty: false);

    /// <summary>Receives at once if the socket may be readable; finding it empty, parks the receive until the next edge
    /// (<paramref name="parkWhenEmpty"/>) or returns -1.</summary>
    private ValueTask<int> Receive(Memory<byte> buffer, CancellationToken cancellationToken, bool parkWhenEmpty)
    {
        while (true)
        {
            int sequence;
            lock (Gate)
            {
                if (_closed)
                {
                    return ValueTask.FromException<int>(new ObjectDisposedException(nameof(System.Net.Sockets.Socket)));
                }

                sequence = _readSequence;
                if (!_mayBeReadable && parkWhenEmpty)
                {
                    return Park(buffer, cancellationToken);
                }
            }

            int result = TryReceive(buffer, sequence, out int errno);
            if (result >= 0)
            {
                return new ValueTask<int>(result);
            }

            if (errno != SocketErrno.EAgain)
            {
                return ValueTask.FromException<int>(ToException(errno));
            }

            lock (Gate)
            {
                if (_readSequence != sequence || _closed)
                {
                    continue; // an edge came meanwhile (or a close): try again
                }

                _mayBeReadable = false;
                return parkWhenEmpty ? Park(buffer, cancellationToken) : new ValueTask<int>(-1);
            }
        }
    }

    public override ValueTask<int> SendAsync(IReadOnlyList<ArraySegment<byte>> segments, long length)
    {
        int index = 0;
        int offset = 0;
        long remaining = length;
        while (true)
        {
            int errno = SendUntilBlocked(segments, ref index, ref offset, ref remaining, out int sequence);
            if (errno == 0)
            {
                return new ValueTask<int>((int)Math.Min(length, int.MaxValue));
            }

            if (errno != SocketErrno.EAgain)
            {
                return ValueTask.FromException<int>(ToException(errno));
            }

            lock (Gate)
            {
                if (_writeSequence != sequence && !_closed)
                {
                    continue;
                }

                _send ??= new EpollSend(this);
                ValueTask<int> pending = _send.Park(segments, index, offset, remaining, length);
                if (_closed)
                {
                    _send.Fail(new SocketException((int)SocketError.Shutdown));
                }
                else
                {
                    _sendParked = true;
                }

                return pending;
            }
        }
    }

    public override void OnSendCompleted(Action<object?> continuation, object state) => _send!.OnCompleted(continuation, state);

    public override void Close()
    {
        bool receiveParked;
        bool sendParked;
        lock (Gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            receiveParked = _receiveParked;
            sendParked = _sendParked;
            _receiveParked = false;
            _sendParked = false;
        }

        Loop.Unregister(this);

        // Linger 0 would send RST; a plain close is enough and lets already-sent bytes arrive. A call of ours still
        // inside recv or send holds the handle, so the descriptor closes after it returns.
        Socket.Dispose();

        // Their continuations must not run on the closing thread (a room's tick, the heartbeat) inside Close.
        _receive.RunContinuationsAsynchronously = true;
        if (receiveParked)
        {
            CompleteReceive(0); // end of stream, as a shut-down socket's parked receive sees it
        }

        if (sendParked)
        {
            _send!.Fail(new SocketException((int)SocketError.Shutdown));
        }
    }

    public override void AllowInlineCompletions(bool always)
    {
        _inlineAllowed = true;
        _runsInline = always;
    }

    /// <summary>Hands the loop's event to the thread pool: events of one turn are handled in parallel, and a
    /// connection never waits behind a loop thread that the scheduler took off the CPU.</summary>
    public void Dispatch(uint events)
    {
        if (Interlocked.Or(ref _dispatchedEvents, (int)events) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute() => OnEvents((uint)Interlocked.Exchange(ref _dispatchedEvents, 0));

    /// <summary>Handles the loop's event for this socket (on the quiet loop's thread, or a thread-pool thread after
    /// <see cref="Dispatch"/>).</summary>
    public void OnEvents(uint events)
    {
        bool receive = false;
        bool send = false;
        lock (Gate)
        {
            if ((events & (EpollIn | EpollRdHup | EpollHup | EpollErr)) != 0)
            {
                _peerClosed |= (events & (EpollRdHup | EpollHup | EpollErr)) != 0;
                _readSequence++;
                _mayBeReadable = true;
                receive = _receiveParked;
                _receiveParked = false;
            }

            if ((events & (EpollOut | EpollHup | EpollErr)) != 0)
            {
                _writeSequence++;
                send = _sendParked;
                _sendParked = false;
            }
        }

        if (receive)
        {
            FinishParkedReceive();
        }

        if (send)
        {
            _send!.Continue();
        }
    }

    /// <summary>Parks the send again after <c>EAGAIN</c> (where an edge continued it).</summary>
    /// <returns><see langword="false"/> when an edge came since <paramref name="sequence"/> was read: try again.</returns>
    internal bool TryParkSendAgain(int sequence)
    {
        lock (Gate)
        {
            if (_closed)
            {
                _send!.Fail(new SocketException((int)SocketError.Shutdown));
                return true;
            }

            if (_writeSequence != sequence)
            {
                return false;
            }

            _sendParked = true;
            return true;
        }
    }

    /// <summary>The exception for an <c>errno</c> of our calls (<see cref="Disposed"/> for a disposed socket).</summary>
    internal static Exception ToException(int errno)
        => errno == Disposed ? new ObjectDisposedException(nameof(System.Net.Sockets.Socket)) : SocketErrno.ToException(errno);

    /// <summary>Sends what is left of the segments until it is all in the socket or the socket is full.</summary>
    /// <param name="segments">The send's segments.</param>
    /// <param name="index">The first segment not completely sent; moved along.</param>
    /// <param name="offset">Bytes of that segment already sent; moved along.</param>
    /// <param name="remaining">Bytes not yet sent; counted down.</param>
    /// <param name="sequence">The write sequence read before the last call, for parking after <c>EAGAIN</c>.</param>
    /// <returns>0 once every byte was sent, else the <c>errno</c> that stopped it (<c>EAGAIN</c>: full).</returns>
    internal int SendUntilBlocked(IReadOnlyList<ArraySegment<byte>> segments, ref int index, ref int offset, ref long remaining,
        out int sequence)
    {
        while (true)
        {
            sequence = Volatile.Read(ref _writeSequence);
            nint sent = TrySend(segments, index, offset, out int errno);
            if (sent < 0)
            {
                if (errno == SocketErrno.EIntr)
                {
                    continue;
                }

                return errno;
            }

            remaining -= sent;
            if (remaining <= 0)
            {
                return 0;
            }

            EpollSend.Advance(segments, sent, ref index, ref offset);
        }
    }

    /// <summary>One <c>send</c> or gathered <c>sendmsg</c> of what is left, never blocking.</summary>
    /// <returns>Bytes sent, or -1 with <paramref name="errno"/> (<see cref="Disposed"/> for a disposed socket).</returns>
    private nint TrySend(IReadOnlyList<ArraySegment<byte>> segments, int index, int offset, out int errno)
    {
        const int MaxIovecs = 64; // the rest goes in the next call, as after any partial send
        int count = Math.Min(segments.Count - index, MaxIovecs);
        errno = 0;
        try
        {
            nint sent;
            if (count == 1)
            {
                ArraySegment<byte> segment = segments[index];
                fixed (byte* start = &segment.Array![segment.Offset + offset])
                {
                    sent = Send(Handle, start, (nuint)(segment.Count - offset), MsgDontWait | MsgNoSignal);
                }
            }
            else
            {
                sent = SendGathered(segments, index, offset, count);
            }

            if (sent < 0)
            {
                errno = Marshal.GetLastPInvokeError();
            }

            return sent;
        }
        catch (ObjectDisposedException)
        {
            errno = Disposed;
            return -1;
        }
    }

    private nint SendGathered(IReadOnlyList<ArraySegment<byte>> segments, int index, int offset, int count)
    {
        Uring.UringInterop.IoVec* iovecs = stackalloc Uring.UringInterop.IoVec[count];
        return PinAndSend(segments, index, offset, count, iovecs, 0);
    }

    /// <summary>Pins segment <paramref name="i"/> with <see langword="fixed"/>, fills its iovec and recurses; the
    /// innermost call sends with every segment pinned.</summary>
    /// <remarks>Why recursion: a <see langword="fixed"/> pin is free (a flag in the frame's GC info), while a pinned
    /// <see cref="GCHandle"/> per segment cost ~6 % of the server's CPU in a fan-out with several frames per send
    /// (<c>perf</c>: handle table allocation and release). At most 64 frames deep.</remarks>
    private nint PinAndSend(IReadOnlyList<ArraySegment<byte>> segments, int index, int offset, int count,
        Uring.UringInterop.IoVec* iovecs, int i)
    {
        if (i == count)
        {
            Uring.UringInterop.MsgHdr message = default;
            message.Iov = iovecs;
            message.IovLength = (nuint)count;
            return SendMsg(Handle, &message, MsgDontWait | MsgNoSignal);
        }

        ArraySegment<byte> segment = segments[index + i];
        int skip = i == 0 ? offset : 0;
        fixed (byte* array = &MemoryMarshal.GetArrayDataReference(segment.Array!))
        {
            iovecs[i].Base = array + segment.Offset + skip;
            iovecs[i].Length = (nuint)(segment.Count - skip);
            return PinAndSend(segments, index, offset, count, iovecs, i + 1);
        }
    }

    /// <summary>One <c>recv</c> (or, for an empty buffer, a one-byte peek that says whether data waits), never
    /// blocking; an interrupted call is made again.</summary>
    /// <returns>Bytes received (0 for a zero-byte receive that found data, or end of stream), or -1 with
    /// <paramref name="errno"/> (<see cref="Disposed"/> for a disposed socket).</returns>
    private int TryReceive(Memory<byte> buffer, int sequence, out int errno)
    {
        int result;
        do
        {
            result = TryReceiveOnce(buffer, sequence, out errno);
        }
        while (result < 0 && errno == SocketErrno.EIntr);

        return result;
    }

    private int TryReceiveOnce(Memory<byte> buffer, int sequence, out int errno)
    {
        errno = 0;
        try
        {
            nint received;
            if (buffer.IsEmpty)
            {
                byte peek;
                received = Recv(Handle, &peek, 1, MsgPeek | MsgDontWait);
                if (received >= 0)
                {
                    return 0;
                }
            }
            else
            {
                fixed (byte* start = buffer.Span)
                {
                    received = Recv(Handle, start, (nuint)buffer.Length, MsgDontWait);
                }

                if (received > 0 && received < buffer.Length)
                {
                    // TCP hands over everything it holds: a short read drained the socket, and data arriving
                    // after it raises a new edge (which bumps the sequence, so this cannot hide one). Not so for a
                    // FIN or an error that came with the data: the next recv reports it, and no edge will follow.
                    lock (Gate)
                    {
                        if (_readSequence == sequence && !_peerClosed)
                        {
                            _mayBeReadable = false;
                        }
                    }
                }

                if (received >= 0)
                {
                    return (int)received;
                }
            }

            errno = Marshal.GetLastPInvokeError();
            return -1;
        }
        catch (ObjectDisposedException)
        {
            errno = Disposed;
            return -1;
        }
    }

    // Under the lock.
    private ValueTask<int> Park(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        _receive.Reset();
        _receive.RunContinuationsAsynchronously = false;
        short version = _receive.Version;
        _receiveBuffer = buffer;
        _receiveCancellation = cancellationToken;
        _receiveWaitsOnly = false;
        _receiveParked = true;
        if (cancellationToken.CanBeCanceled)
        {
            // Registered under the lock: a completion on the loop cannot run before the registration is stored.
            // A token cancelled meanwhile runs the callback right here (the lock is re-entrant).
            _receiveRegistration = cancellationToken.UnsafeRegister(static state => ((EpollSocket)state!).CancelReceive(), this);
        }

        return new ValueTask<int>(this, version);
    }

    private void CancelReceive()
    {
        lock (Gate)
        {
            // A late callback of an earlier receive must not cancel a later one with another token.
            if (!_receiveParked || !_receiveCancellation.IsCancellationRequested)
            {
                return;
            }

            _receiveParked = false;
        }

        _receiveBuffer = default;
        _receiveRegistration = default; // never Dispose here: this is its own callback
        _receive.SetException(new OperationCanceledException(_receiveCancellation));
    }

    // Where the edge is handled (OnEvents), after taking the parked receive.
    private void FinishParkedReceive()
    {
        if (_receiveWaitsOnly)
        {
            CompleteReceive(0);
            return;
        }

        while (true)
        {
            int sequence = Volatile.Read(ref _readSequence);
            int result = TryReceive(_receiveBuffer, sequence, out int errno);
            if (result >= 0)
            {
                CompleteReceive(result);
                return;
            }

            if (errno != SocketErrno.EAgain)
            {
                FailReceive(ToException(errno));
                return;
            }

            lock (Gate)
            {
                if (_readSequence != sequence)
                {
                    continue;
                }

                if (_closed || _receiveCancellation.IsCancellationRequested)
                {
                    // While it was taken, a close or a cancellation found nothing parked: finish it for them.
                    break;
                }

                _mayBeReadable = false;
                _receiveParked = true;
                return;
            }
        }

        if (_receiveCancellation.IsCancellationRequested)
        {
            FailReceive(new OperationCanceledException(_receiveCancellation));
        }
        else
        {
            CompleteReceive(0);
        }
    }

    private void CompleteReceive(int result)
    {
        ReleaseReceive();
        _receive.SetResult(result);
    }

    private void FailReceive(Exception error)
    {
        ReleaseReceive();
        _receive.SetException(error);
    }

    private void ReleaseReceive()
    {
        _receiveBuffer = default;
        _receiveRegistration.Unregister(); // never Dispose here: it would wait for a callback running elsewhere
        _receiveRegistration = default;
    }

    int IValueTaskSource<int>.GetResult(short token) => _receive.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _receive.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _receive.OnCompleted(continuation, state, token, flags);
}
