using System.Net.Sockets;

namespace ArenaServer.Transport.Internal.Uring;

/// <summary>A connected socket whose receives and sends go through an io_uring ring instead of the runtime's socket
/// engine; one receive and one send may be in flight at a time (the connection's read and write loops).</summary>
/// <remarks>The runtime never registers this socket with its own epoll (no async <see cref="Socket"/> method is
/// called on it), so data arriving wakes only the ring. <see cref="Close"/> shuts the socket down, which ends the
/// operations in flight (a parked receive sees end of stream, a parked send an error), and disposes it once the last
/// of them completed: <see cref="Socket.Dispose()"/> would otherwise close the descriptor under them, or (with the
/// handle ref-counted) spin on the calling thread, which may be the ring's own, until they complete.</remarks>
internal sealed class UringSocket : EngineSocket
{
    private readonly Lock _lock = new();
    private UringReceive? _receive;
    private UringSend? _send;
    private int _inFlight;
    private bool _closing;

    public UringSocket(Socket socket, UringRing ring)
    {
        Socket = socket;
        Fd = (int)socket.SafeHandle.DangerousGetHandle();
        Ring = ring;
    }

    public Socket Socket { get; }

    public int Fd { get; }

    public UringRing Ring { get; }

    /// <summary>Receives into <paramref name="buffer"/>; an empty buffer waits until data (or end of stream) is there
    /// and returns 0, like a zero-byte receive.</summary>
    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        => (_receive ??= new UringReceive(this)).ReceiveAsync(buffer, cancellationToken);

    /// <summary>Sends every byte of <paramref name="segments"/> (one gathered send, then the rest after a partial one).</summary>
    public override ValueTask<int> SendAsync(IReadOnlyList<ArraySegment<byte>> segments, long length)
        => (_send ??= new UringSend(this)).SendAsync(segments, length);

    /// <summary>Runs <paramref name="continuation"/>(<paramref name="state"/>) when the pending send completes.</summary>
    public override void OnSendCompleted(Action<object?> continuation, object state) => _send!.OnCurrentCompleted(continuation, state);

    /// <summary>Stops new operations, wakes the ones in flight and disposes the socket when none is left.</summary>
    public override void Close()
    {
        bool disposeNow;
        lock (_lock)
        {
            if (_closing)
            {
                return;
            }

            _closing = true;
            disposeNow = _inFlight == 0;
        }

        if (disposeNow)
        {
            DisposeSocket();
            return;
        }

        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Not connected any more (reset by the peer): a parked operation has already been woken.
        }
    }

    /// <summary>Counts an operation in; <see langword="false"/> once <see cref="Close"/> was called.</summary>
    internal bool TryBeginOperation()
    {
        lock (_lock)
        {
            if (_closing)
            {
                return false;
            }

            _inFlight++;
            return true;
        }
    }

    /// <summary>Counts an operation out; the last one after <see cref="Close"/> disposes the socket.</summary>
    internal void EndOperation()
    {
        bool disposeNow;
        lock (_lock)
        {
            disposeNow = --_inFlight == 0 && _closing;
        }

        if (disposeNow)
        {
            DisposeSocket();
        }
    }

    private void DisposeSocket()
    {
        _receive?.Dispose();
        _send?.Dispose();

        // Linger 0 would send RST; a plain close is enough and lets already-sent bytes arrive.
        Socket.Dispose();
    }
}
