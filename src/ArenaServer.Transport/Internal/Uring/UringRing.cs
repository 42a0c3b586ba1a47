using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using static ArenaServer.Transport.Internal.Uring.UringInterop;

namespace ArenaServer.Transport.Internal.Uring;

/// <summary>One io_uring instance and the thread that owns it: only this thread submits entries and reaps
/// completions; continuations run on it, inline, in the order the kernel posted them.</summary>
/// <remarks>
/// Why: on loopback most of an echo's CPU is the kernel's, and with <see cref="System.Net.Sockets.Socket"/> every
/// receive costs an optimistic <c>recvfrom</c> (usually <c>EAGAIN</c>), an epoll wake-up, a thread-pool hop and the
/// real <c>recvfrom</c>, and every send its own <c>sendmsg</c>. Here every operation of every connection on the ring
/// is submitted by one <c>io_uring_enter</c> per loop turn, which also waits for the next completions; a receive that
/// would block is parked by the kernel, not retried by us, and its continuation runs on this thread with no hop.
/// <para>Waiting: the thread sleeps in <c>poll</c> on an eventfd registered with the ring (the kernel signals it when
/// it posts a completion, only while the thread is about to sleep), not in <c>io_uring_enter</c>: on some kernels
/// (seen on 6.18 in a Firecracker VM) a waiting <c>io_uring_enter</c> returns at once while any request is parked,
/// which would make the loop spin. Submissions are plain <c>io_uring_enter</c> calls without waiting.</para>
/// <para>Threading: other threads never touch the queues. They <see cref="Post"/> work (an operation to start, a
/// writer to run), which wakes the ring through the same eventfd once per turn. This also matters for correctness: the
/// kernel ties a request to the thread that submitted it and cancels it when that thread exits, and thread-pool
/// threads do exit; the ring's thread never does. Continuations must not block (IWebSocketHandler's contract).</para>
/// </remarks>
internal sealed unsafe class UringRing
{
    // Completions that no operation waits for (cancellations). Operations use GCHandle addresses, never 0.
    internal const ulong IgnoredUserData = 0;

    [ThreadStatic]
    private static UringRing? t_current;

    // How long an idle loop polls before it sleeps. 50 us covers a loopback round trip; measured: without it a
    // one-connection echo took 63 us at p50 (sleep and wake-up on every turn), with it 44 us.
    private static readonly long s_spinTicks = Stopwatch.Frequency * 50 / 1_000_000;

    private readonly int _fd;
    private readonly int _wakeFd;
    private readonly uint* _sqHead;
    private readonly uint* _sqTail;
    private readonly uint* _sqArray;
    private readonly uint _sqMask;
    private readonly uint _sqEntries;
    private readonly Sqe* _sqes;
    private readonly uint* _cqHead;
    private readonly uint* _cqTail;
    private readonly uint _cqMask;
    private readonly Cqe* _cqes;
    private readonly ConcurrentQueue<IThreadPoolWorkItem> _posted = new();
    private uint _sqTailLocal;
    private int _wakePending;
    private readonly uint* _cqFlags;

    private UringRing(int fd, int wakeFd, in IoUringParams p, byte* rings, Sqe* sqes)
    {
        _fd = fd;
        _wakeFd = wakeFd;
        _sqHead = (uint*)(rings + p.SqOff.Head);
        _sqTail = (uint*)(rings + p.SqOff.Tail);
        _sqArray = (uint*)(rings + p.SqOff.Array);
        _sqMask = *(uint*)(rings + p.SqOff.RingMask);
        _sqEntries = p.SqEntries;
        _sqes = sqes;
        _cqHead = (uint*)(rings + p.CqOff.Head);
        _cqTail = (uint*)(rings + p.CqOff.Tail);
        _cqMask = *(uint*)(rings + p.CqOff.RingMask);
        _cqes = (Cqe*)(rings + p.CqOff.Cqes);
        _sqTailLocal = *_sqTail;
        _cqFlags = (uint*)(rings + p.CqOff.Flags);
    }

    /// <summary>Gets whether the calling thread is this ring's thread.</summary>
    public bool IsCurrentThread => t_current == this;

    /// <summary>Gets whether the calling thread is any ring's thread.</summary>
    public static bool IsRingThread => t_current is not null;

    /// <summary>Creates a ring and starts its thread.</summary>
    /// <param name="entries">Submission queue entries (the completion queue has four times as many).</param>
    /// <param name="name">The thread's name.</param>
    /// <param name="error">Why it failed (the errno of the failing call), when it returns <see langword="null"/>.</param>
    public static UringRing? TryCreate(uint entries, string name, out string? error)
    {
        error = null;
        if (!OperatingSystem.IsLinux())
        {
            error = "io_uring needs Linux";
            return null;
        }

        var p = new IoUringParams { Flags = SetupCqSize | SetupClamp, CqEntries = entries * 4 };
        long fd;
        try
        {
            fd = Setup(SysIoUringSetup, entries, &p);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            error = ex.Message;
            return null;
        }

        if (fd < 0)
        {
            error = $"io_uring_setup failed: errno {Marshal.GetLastPInvokeError()}";
            return null;
        }

        // NODROP: a full completion queue never loses a completion (5.5+); FAST_POLL: a receive that would block
        // is parked on the socket's wait queue instead of a worker thread (5.7+).
        if ((p.Features & (FeatNoDrop | FeatFastPoll | FeatSingleMmap)) != (FeatNoDrop | FeatFastPoll | FeatSingleMmap))
        {
            _ = UringInterop.Close((int)fd);
            error = $"io_uring lacks needed features (0x{p.Features:x})";
            return null;
        }

        nuint sqSize = p.SqOff.Array + (p.SqEntries * sizeof(uint));
        nuint cqSize = p.CqOff.Cqes + (p.CqEntries * (uint)sizeof(Cqe));
        nuint ringSize = Math.Max(sqSize, cqSize); // one mapping holds both rings (SINGLE_MMAP)
        byte* rings = (byte*)Mmap(null, ringSize, ProtRead | ProtWrite, MapShared | MapPopulate, (int)fd, OffSqRing);
        if (rings == (byte*)-1)
        {
            error = $"mmap of the rings failed: errno {Marshal.GetLastPInvokeError()}";
            _ = UringInterop.Close((int)fd);
            return null;
        }

        var sqes = (Sqe*)Mmap(null, p.SqEntries * (nuint)sizeof(Sqe), ProtRead | ProtWrite, MapShared | MapPopulate, (int)fd, OffSqes);
        int wakeFd = sqes == (Sqe*)-1 ? -1 : EventFd(0, EfdCloexec | EfdNonBlock);
        if (wakeFd < 0)
        {
            error = $"mmap of the submission entries or eventfd failed: errno {Marshal.GetLastPInvokeError()}";
            _ = Munmap(rings, ringSize);
            _ = UringInterop.Close((int)fd);
            return null;
        }

        if (Register(SysIoUringRegister, (int)fd, RegisterEventFd, &wakeFd, 1) < 0)
        {
            error = $"registering the eventfd failed: errno {Marshal.GetLastPInvokeError()}";
            _ = UringInterop.Close(wakeFd);
            _ = UringInterop.Close((int)fd);
            return null;
        }

        var ring = new UringRing((int)fd, wakeFd, p, rings, sqes);
        var thread = new Thread(ring.Run) { IsBackground = true, Name = name };
        thread.UnsafeStart();
        return ring;
    }

    /// <summary>Runs <paramref name="item"/> on the ring's thread: at once if called there, else after its current
    /// turn (one wake-up for all items posted meanwhile).</summary>
    /// <remarks>Also why a writer signalled from another thread (a room's tick, the heartbeat) is posted here: its send
    /// then goes out with the ring's other sends in one <c>io_uring_enter</c>, without a thread-pool hop.</remarks>
    public void Post(IThreadPoolWorkItem item)
    {
        if (t_current == this)
        {
            item.Execute();
            return;
        }

        _posted.Enqueue(item);
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            ulong one = 1;
            _ = Write(_wakeFd, &one, sizeof(ulong)); // cannot fail short of a counter overflow, which one write cannot reach
        }
    }

    /// <summary>Queues one entry; on the ring's thread only (the loop submits it before it next waits).</summary>
    /// <param name="operation">Writes its entry (the user data is set afterwards).</param>
    /// <param name="userData">Identifies the completion (<see cref="IgnoredUserData"/> for none).</param>
    public void Submit(IUringOperation operation, ulong userData)
    {
        Debug.Assert(t_current == this, "Only the ring's thread submits.");
        while (_sqTailLocal - Volatile.Read(ref *_sqHead) >= _sqEntries)
        {
            // Full (a burst of thousands of operations in one loop turn): hand them to the kernel now.
            _ = Enter(SysIoUringEnter, _fd, _sqEntries, 0, 0, null, 0);
        }

        uint index = _sqTailLocal & _sqMask;
        Sqe* sqe = &_sqes[index];
        *sqe = default;
        operation.Prepare(sqe);
        sqe->UserData = userData;
        _sqArray[index] = index;
        _sqTailLocal++;
        Volatile.Write(ref *_sqTail, _sqTailLocal); // publishes the entry written above
    }

    /// <summary>Cancels the in-flight operation identified by <paramref name="target"/> (it completes with
    /// <c>-ECANCELED</c>, or normally if it finished first); from any thread.</summary>
    public void Cancel(ulong target) => Post(new CancelRequest(this, target));

    private void Run()
    {
        t_current = this;
        var wait = new PollFd { Fd = _wakeFd, Events = PollInEvent };
        while (true)
        {
            DrainCompletions();
            RunPosted();
            if (_sqTailLocal != Volatile.Read(ref *_sqHead))
            {
                // Submits everything this turn queued; sends and receives with data complete inline, so their
                // completions are usually there when the next turn drains.
                SubmitPending();
                continue;
            }

            if (SpinForWork())
            {
                continue;
            }

            // Nothing to submit and nothing reaped: sleep until a completion or a posted item signals the eventfd.
            // The kernel signals it only while notifications are on; they are turned on before the last check, so
            // a completion posted in between is never missed.
            Volatile.Write(ref *_cqFlags, *_cqFlags & ~CqEventFdDisabled);
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref *_cqTail) == *_cqHead && Volatile.Read(ref _wakePending) == 0)
            {
                if (Poll(&wait, 1, -1) < 0 && Marshal.GetLastPInvokeError() != EIntr)
                {
                    Environment.FailFast($"poll on the io_uring eventfd failed: errno {Marshal.GetLastPInvokeError()}");
                }
            }

            ulong count;
            _ = Read(_wakeFd, &count, sizeof(ulong)); // resets the counter (EAGAIN if nothing was signalled)
            Volatile.Write(ref *_cqFlags, *_cqFlags | CqEventFdDisabled); // busy: completions are reaped without it
        }
    }

    /// <summary>Polls the completion queue and the posted items for a short while before the loop sleeps.</summary>
    /// <remarks>A busy ring's next completion is usually microseconds away; waiting for it here costs less than the
    /// sleep and the wake-up (<c>poll</c>, the eventfd signal, a context switch and <c>read</c>), and takes them off
    /// every request/response turn. An idle ring spins once and sleeps.</remarks>
    /// <returns><see langword="true"/> when work arrived.</returns>
    private bool SpinForWork()
    {
        long until = Stopwatch.GetTimestamp() + s_spinTicks;
        do
        {
            Thread.SpinWait(16);
            if (Volatile.Read(ref *_cqTail) != *_cqHead || Volatile.Read(ref _wakePending) != 0)
            {
                return true;
            }
        }
        while (Stopwatch.GetTimestamp() < until);
        return false;
    }

    private void SubmitPending()
    {
        while (true)
        {
            long result = Enter(SysIoUringEnter, _fd, _sqEntries, 0, 0, null, 0);
            if (result >= 0)
            {
                return;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno is EBusy or EAgain)
            {
                // Completions pile up (or memory is short): reap them first; what is left goes next turn.
                return;
            }

            if (errno != EIntr)
            {
                Environment.FailFast($"io_uring_enter failed: errno {errno}");
            }
        }
    }

    private void RunPosted()
    {
        if (Volatile.Read(ref _wakePending) == 0)
        {
            return;
        }

        // Cleared (with a full fence) before draining: an item posted from here on wakes the ring again.
        Interlocked.Exchange(ref _wakePending, 0);
        while (_posted.TryDequeue(out IThreadPoolWorkItem? item))
        {
            try
            {
                item.Execute();
            }
            catch (Exception ex)
            {
                Environment.FailFast("A work item posted to an io_uring ring threw.", ex);
            }
        }
    }

    private void DrainCompletions()
    {
        uint head = *_cqHead;
        while (true)
        {
            uint tail = Volatile.Read(ref *_cqTail);
            if (head == tail)
            {
                return;
            }

            while (head != tail)
            {
                Cqe cqe = _cqes[head & _cqMask];
                head++;
                Volatile.Write(ref *_cqHead, head); // the slot is free again before the continuation queues more
                if (cqe.UserData != IgnoredUserData)
                {
                    UringOperation.Dispatch(cqe.UserData, cqe.Result);
                }
            }
        }
    }

    /// <summary>An <c>IORING_OP_ASYNC_CANCEL</c> entry, posted to the ring's thread.</summary>
    private sealed class CancelRequest(UringRing ring, ulong target) : IUringOperation, IThreadPoolWorkItem
    {
        public void Prepare(Sqe* sqe)
        {
            sqe->Opcode = OpAsyncCancel;
            sqe->Fd = -1;
            sqe->Address = target;
        }

        public void Execute() => ring.Submit(this, IgnoredUserData);
    }
}
