using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;
using static ArenaServer.Transport.Internal.Uring.UringInterop;

namespace ArenaServer.Transport.Internal.Uring;

/// <summary>A reusable socket operation on a ring, awaited as a <see cref="ValueTask{TResult}"/> whose continuation
/// runs inline on the ring's thread when the completion is reaped.</summary>
/// <remarks>One operation is in flight at a time. The user data of an entry is a GCHandle to the operation (held
/// from the first start until <see cref="Dispose"/>) with a 3-bit generation in its low bits, so a cancellation
/// aimed at an earlier run never matches a later one. The socket counts its operations in flight and closes its
/// descriptor only after the last one completed (<see cref="UringSocket.Close"/>), so the kernel never sees a reused
/// descriptor in an entry meant for a closed one.</remarks>
internal abstract unsafe class UringOperation : IUringOperation, IValueTaskSource<int>, IThreadPoolWorkItem
{
    private const ulong GenerationMask = 0x7;

    private readonly object _lock = new();
    private ManualResetValueTaskSourceCore<int> _core; // continuations run inline on the ring's thread
    private GCHandle _self;
    private byte _generation;
    private bool _inFlight;
    private bool _disposed;
    private bool _counted;

    protected UringOperation(UringSocket socket) => Socket = socket;

    protected UringSocket Socket { get; }

    /// <summary>Gets the user data of the current run.</summary>
    private ulong UserData => (ulong)GCHandle.ToIntPtr(_self) | _generation;

    /// <summary>Routes a completion to its operation (called by the ring's thread).</summary>
    public static void Dispatch(ulong userData, int result)
    {
        var operation = (UringOperation?)GCHandle.FromIntPtr((nint)(userData & ~GenerationMask)).Target;
        operation?.OnCompletion((byte)(userData & GenerationMask), result);
    }

    public abstract void Prepare(Sqe* sqe);

    /// <summary>Frees the GCHandle now, or when the operation in flight completes (after the socket was shut down).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            if (!_inFlight && _self.IsAllocated)
            {
                _self.Free();
            }
        }
    }

    /// <summary>Registers a continuation for the current run without a <see cref="ValueTask{TResult}"/> awaiter (a static
    /// callback and its state: nothing allocated).</summary>
    public void OnCurrentCompleted(Action<object?> continuation, object state)
        => _core.OnCompleted(continuation, state, _core.Version, ValueTaskSourceOnCompletedFlags.None);

    int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _core.OnCompleted(continuation, state, token, flags);

    /// <summary>Starts a new awaited run.</summary>
    protected ValueTask<int> Start()
    {
        _core.Reset();
        short version = _core.Version;
        if (!Submit())
        {
            return ValueTask.FromException<int>(new ObjectDisposedException(nameof(System.Net.Sockets.Socket)));
        }

        return new ValueTask<int>(this, version);
    }

    /// <summary>Submits a start posted from another thread (only the ring's thread submits).</summary>
    void IThreadPoolWorkItem.Execute()
    {
        ulong userData;
        lock (_lock)
        {
            userData = UserData;
        }

        Socket.Ring.Submit(this, userData);
    }

    /// <summary>Submits the entry (again, within the same run, for the rest of a partial send): on the ring's thread
    /// at once, from elsewhere by posting to it.</summary>
    /// <returns><see langword="false"/> when the socket was disposed meanwhile.</returns>
    protected bool Submit()
    {
        ulong userData;
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            if (!_counted)
            {
                if (!Socket.TryBeginOperation())
                {
                    return false; // closing: no handle is allocated for a run that never starts
                }

                _counted = true;
            }

            if (!_self.IsAllocated)
            {
                _self = GCHandle.Alloc(this);
            }

            _generation = (byte)((_generation + 1) & (int)GenerationMask);
            _inFlight = true;
            userData = UserData;
        }

        if (Socket.Ring.IsCurrentThread)
        {
            Socket.Ring.Submit(this, userData);
        }
        else
        {
            Socket.Ring.Post(this);
        }

        return true;
    }

    /// <summary>Asks the kernel to cancel the current run, if one is in flight.</summary>
    protected void CancelInFlight()
    {
        lock (_lock)
        {
            if (_inFlight)
            {
                Socket.Ring.Cancel(UserData);
            }
        }
    }

    /// <summary>Handles a completion: return <see langword="true"/> when the run is over (then
    /// <see cref="SetResult"/> or <see cref="SetException"/> follows), <see langword="false"/> after resubmitting.</summary>
    protected abstract bool OnCompleted(int result);

    protected void SetResult(int result) => _core.SetResult(result);

    protected void SetException(Exception error) => _core.SetException(error);

    /// <summary>The exception for a negative result (<c>-errno</c>).</summary>
    protected static Exception ToException(int result) => SocketErrno.ToException(-result);

    private void OnCompletion(byte generation, int result)
    {
        lock (_lock)
        {
            if (generation != _generation || !_inFlight)
            {
                return; // a stale completion (cannot happen: one run at a time), ignored rather than misrouted
            }

            _inFlight = false;
        }

        if (!OnCompleted(result))
        {
            return; // resubmitted
        }

        bool ended = false;
        lock (_lock)
        {
            if (!_inFlight)
            {
                ended = _counted;
                _counted = false;
                if (_disposed && _self.IsAllocated)
                {
                    _self.Free();
                }
            }
        }

        if (ended)
        {
            Socket.EndOperation();
        }
    }
}
