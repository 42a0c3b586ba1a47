using System.Threading.Tasks.Sources;

namespace ArenaServer.Transport.Internal.Epoll;

/// <summary>The rest of a send that found the socket's buffer full: parked until the socket is writable again, then
/// continued where the loop hands that edge until every byte is in the socket.</summary>
/// <remarks>Created the first time a connection's send must wait (a slow reader), so most connections never have
/// one. One send is in flight at a time (the connection's writer).</remarks>
internal sealed class EpollSend(EpollSocket socket) : IValueTaskSource<int>
{
    private ManualResetValueTaskSourceCore<int> _core;
    private IReadOnlyList<ArraySegment<byte>> _segments = [];
    private int _index;     // first segment not completely sent
    private int _offset;    // bytes of that segment already sent
    private long _remaining;
    private long _total;

    /// <summary>Moves (<paramref name="index"/>, <paramref name="offset"/>) past <paramref name="sent"/> bytes.</summary>
    public static void Advance(IReadOnlyList<ArraySegment<byte>> segments, nint sent, ref int index, ref int offset)
    {
        while (sent > 0)
        {
            int left = segments[index].Count - offset;
            if (sent < left)
            {
                offset += (int)sent;
                return;
            }

            sent -= left;
            index++;
            offset = 0;
        }
    }

    /// <summary>Takes over a send that would block (under the socket's lock).</summary>
    public ValueTask<int> Park(IReadOnlyList<ArraySegment<byte>> segments, int index, int offset, long remaining, long total)
    {
        _core.Reset();
        _core.RunContinuationsAsynchronously = false;
        _segments = segments;
        _index = index;
        _offset = offset;
        _remaining = remaining;
        _total = total;
        return new ValueTask<int>(this, _core.Version);
    }

    public void OnCompleted(Action<object?> continuation, object state)
        => _core.OnCompleted(continuation, state, _core.Version, ValueTaskSourceOnCompletedFlags.None);

    /// <summary>Sends more after the socket became writable (where the loop handed its edge).</summary>
    public void Continue()
    {
        while (true)
        {
            int errno = socket.SendUntilBlocked(_segments, ref _index, ref _offset, ref _remaining, out int sequence);
            if (errno == 0)
            {
                _segments = [];
                _core.SetResult((int)Math.Min(_total, int.MaxValue));
                return;
            }

            if (errno != SocketErrno.EAgain)
            {
                Fail(EpollSocket.ToException(errno));
                return;
            }

            if (socket.TryParkSendAgain(sequence))
            {
                return;
            }
        }
    }

    /// <summary>Ends the send with <paramref name="error"/>; its continuation runs on the thread pool, never inside the
    /// caller (which may be closing the socket from a room's tick).</summary>
    public void Fail(Exception error)
    {
        _segments = [];
        _core.RunContinuationsAsynchronously = true;
        _core.SetException(error);
    }

    int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _core.OnCompleted(continuation, state, token, flags);
}
