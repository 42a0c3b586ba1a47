using System.Runtime.InteropServices;
using static ArenaServer.Transport.Internal.Uring.UringInterop;

namespace ArenaServer.Transport.Internal.Uring;

/// <summary>A gathered send (<c>IORING_OP_SENDMSG</c>, or <c>IORING_OP_SEND</c> for one segment) that resubmits the
/// rest after a partial send and completes when every byte is in the socket.</summary>
/// <remarks>The segments are pinned and their iovecs live in native memory only while the send is in flight, so an
/// idle connection holds neither.</remarks>
internal sealed unsafe class UringSend(UringSocket socket) : UringOperation(socket)
{
    private readonly List<GCHandle> _pins = [];
    private IReadOnlyList<ArraySegment<byte>> _segments = [];
    private int _index;     // first segment not completely sent
    private int _offset;    // bytes of that segment already sent
    private long _remaining;
    private long _total;
    private MsgHdr* _message; // followed by the iovecs, in one native block

    public ValueTask<int> SendAsync(IReadOnlyList<ArraySegment<byte>> segments, long length)
    {
        _segments = segments;
        _index = 0;
        _offset = 0;
        _remaining = length;
        _total = length;
        for (int i = 0; i < segments.Count; i++) // not foreach: the interface's enumerator would be boxed per send
        {
            _pins.Add(GCHandle.Alloc(segments[i].Array, GCHandleType.Pinned));
        }

        if (segments.Count > 1)
        {
            _message = (MsgHdr*)NativeMemory.Alloc((nuint)(sizeof(MsgHdr) + (segments.Count * sizeof(IoVec))));
        }

        return Start();
    }

    public override void Prepare(Sqe* sqe)
    {
        sqe->Fd = Socket.Fd;
        sqe->OpFlags = MsgNoSignal;
        if (_index == _segments.Count - 1)
        {
            sqe->Opcode = OpSend;
            sqe->Address = (ulong)SegmentPointer(_index, _offset);
            sqe->Length = (uint)(_segments[_index].Count - _offset);
            return;
        }

        var iovecs = (IoVec*)(_message + 1);
        int count = 0;
        for (int i = _index; i < _segments.Count; i++, count++)
        {
            int skip = i == _index ? _offset : 0;
            iovecs[count].Base = SegmentPointer(i, skip);
            iovecs[count].Length = (nuint)(_segments[i].Count - skip);
        }

        *_message = default;
        _message->Iov = iovecs;
        _message->IovLength = (nuint)count;
        sqe->Opcode = OpSendMsg;
        sqe->Address = (ulong)_message;
    }

    protected override bool OnCompleted(int result)
    {
        if (result >= 0 && result < _remaining)
        {
            Advance(result);
            if (Submit())
            {
                return false; // the socket buffer was full: the kernel parks the rest until it drains
            }

            result = -9; // EBADF: disposed meanwhile
        }

        Release();
        if (result < 0)
        {
            SetException(ToException(result));
        }
        else
        {
            SetResult((int)Math.Min(_total, int.MaxValue));
        }

        return true;
    }

    private void Advance(int sent)
    {
        _remaining -= sent;
        while (sent > 0)
        {
            int left = _segments[_index].Count - _offset;
            if (sent < left)
            {
                _offset += sent;
                return;
            }

            sent -= left;
            _index++;
            _offset = 0;
        }
    }

    private byte* SegmentPointer(int index, int skip)
        => (byte*)_pins[index].AddrOfPinnedObject() + _segments[index].Offset + skip;

    private void Release()
    {
        foreach (GCHandle pin in _pins)
        {
            pin.Free();
        }

        _pins.Clear();
        _segments = [];
        if (_message is not null)
        {
            NativeMemory.Free(_message);
            _message = null;
        }
    }
}
