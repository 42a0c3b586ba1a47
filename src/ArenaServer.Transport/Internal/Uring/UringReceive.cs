using System.Buffers;
using static ArenaServer.Transport.Internal.Uring.UringInterop;

namespace ArenaServer.Transport.Internal.Uring;

/// <summary>A receive (<c>IORING_OP_RECV</c>) or, for an empty buffer, a wait for readability
/// (<c>IORING_OP_POLL_ADD</c>), so an idle connection holds no buffer.</summary>
internal sealed unsafe class UringReceive(UringSocket socket) : UringOperation(socket)
{
    private Memory<byte> _buffer;
    private MemoryHandle _pin;
    private CancellationTokenRegistration _registration;

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        _buffer = buffer;
        _pin = buffer.IsEmpty ? default : buffer.Pin();
        ValueTask<int> pending = Start();
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(static state => ((UringReceive)state!).CancelInFlight(), this);
        }

        return pending;
    }

    public override void Prepare(Sqe* sqe)
    {
        sqe->Fd = Socket.Fd;
        if (_buffer.IsEmpty)
        {
            sqe->Opcode = OpPollAdd;
            sqe->OpFlags = PollIn | PollErr | PollHup | PollRdHup;
        }
        else
        {
            sqe->Opcode = OpRecv;
            sqe->Address = (ulong)_pin.Pointer;
            sqe->Length = (uint)_buffer.Length;
        }
    }

    protected override bool OnCompleted(int result)
    {
        bool wasPoll = _buffer.IsEmpty;
        _pin.Dispose();
        _pin = default;
        _buffer = default;
        _registration.Unregister(); // never Dispose here: it would wait for a callback running on another thread
        _registration = default;
        if (result < 0)
        {
            SetException(ToException(result));
        }
        else
        {
            SetResult(wasPoll ? 0 : result);
        }

        return true;
    }
}
