using System.Diagnostics;
using System.Runtime.InteropServices;
using static ArenaServer.Transport.Internal.Epoll.EpollInterop;

namespace ArenaServer.Transport.Internal.Epoll;

/// <summary>One epoll instance and the thread that waits on it. Every socket is registered once, edge-triggered, for
/// both directions; an event wakes that socket's parked receive or send.</summary>
/// <remarks>
/// Why our own: with the runtime's engine every receive of an idle connection keeps a <c>SocketAsyncContext</c>, its
/// operation queues and locks and a cached <c>SocketAsyncEventArgs</c> (~0.9 KB per connection), and a receive costs
/// a <c>recvfrom</c> that finds nothing before every wait. Here a connection is one <see cref="EpollSocket"/>, and an
/// echo is a <c>recv</c> and a <c>send</c>. Receives and sends are tried at once on the calling thread (any thread may
/// call them); only one that would block is parked until the socket's next edge.
/// <para>Who runs a woken operation: an upgraded plain-TCP WebSocket connection runs on the loop's own thread
/// (<see cref="EpollSocket.RunsInline"/>, <c>Arena:Transport:EpollInline</c>): its read loop only parses frames and
/// hands messages on, and a thread-pool hop per message costs more than the message (a futex wake-up of a worker: on
/// the reference machine 12.6 against 7.1 µs of server CPU per echo with 100 busy connections). Everything else
/// (request heads, HTTP routes, TLS) goes to the thread pool, so a slow route or a TLS handshake never holds up the
/// loop. When the loop is quiet (several turns in a row with one event each, all from the same upgraded connection: one
/// busy client) it also runs that connection's continuation inline and then polls for <see cref="SpinMicroseconds"/> before
/// sleeping, so a lone connection's next message pays for neither a hop nor a sleep and wake-up (a one-connection
/// echo: 22 µs instead of 57 µs at p50). The price of inline work: when more threads want the CPU than there are
/// cores, the scheduler takes the busy loop thread off the CPU for a tick (4 ms) now and then and every connection of
/// its batch waits with it (measured with a load client of many threads: the p99 of 100 busy connections 1.4–3×
/// Kestrel's, docs/benchmarks.md run 11a and session 4); <c>EpollInline=false</c> trades the throughput back for that
/// case.</para>
/// <para>Sockets are found by a token (slot index and the slot's generation), not by a pointer, so an event that was
/// already read for a socket closed meanwhile finds a stale token and is ignored.</para>
/// </remarks>
internal sealed unsafe class EpollLoop
{
    /// <summary>How long a quiet loop polls after its last event before it sleeps: a loopback round trip.</summary>
    private const int SpinMicroseconds = 50;

    /// <summary>Turns with one event each, all of the same connection, after which a loop counts as quiet.</summary>
    private const int QuietTurns = 8;

    private const int MaxEvents = 512;
    private static readonly long s_spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;

    private readonly int _epfd;
    private readonly Lock _lock = new();
    private EpollSocket?[] _sockets = new EpollSocket?[256];
    private uint[] _generations = new uint[256];
    private readonly Stack<int> _free = new();
    private int _used;

    private EpollLoop(int epfd, string name)
    {
        _epfd = epfd;
        var thread = new Thread(Run) { IsBackground = true, Name = name };
        thread.UnsafeStart();
    }

    /// <summary>Creates an epoll instance and starts its thread.</summary>
    /// <param name="name">The thread's name.</param>
    /// <param name="error">Why it failed, when it returns <see langword="null"/>.</param>
    public static EpollLoop? TryCreate(string name, out string? error)
    {
        error = null;
        if (!OperatingSystem.IsLinux())
        {
            error = "epoll needs Linux";
            return null;
        }

        int epfd;
        try
        {
            epfd = EpollCreate(EpollCloexec);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            error = ex.Message;
            return null;
        }

        if (epfd < 0)
        {
            error = $"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}";
            return null;
        }

        return new EpollLoop(epfd, name);
    }

    /// <summary>Gets how many sockets are registered (a closed connection must leave none behind).</summary>
    public int Registered
    {
        get
        {
            lock (_lock)
            {
                return _used - _free.Count;
            }
        }
    }

    /// <summary>Adds <paramref name="socket"/> to this loop (edge-triggered, both directions, for its lifetime).</summary>
    /// <returns>The <c>errno</c> of a failed <c>epoll_ctl</c>, or 0.</returns>
    public int Register(EpollSocket socket)
    {
        ulong token;
        lock (_lock)
        {
            int slot;
            if (!_free.TryPop(out slot))
            {
                slot = _used++;
                if (slot == _sockets.Length)
                {
                    // Readers index the arrays without the lock: copy, then publish the larger ones.
                    EpollSocket?[] sockets = _sockets;
                    uint[] generations = _generations;
                    Array.Resize(ref sockets, sockets.Length * 2);
                    Array.Resize(ref generations, generations.Length * 2);
                    Volatile.Write(ref _generations, generations);
                    Volatile.Write(ref _sockets, sockets);
                }
            }

            uint generation = ++_generations[slot];
            token = ((ulong)generation << 32) | (uint)slot;
            socket.Token = token;
            Volatile.Write(ref _sockets[slot], socket);
        }

        byte* evt = stackalloc byte[16];
        *(uint*)evt = EpollIn | EpollOut | EpollRdHup | EpollEdgeTriggered;
        *(ulong*)(evt + EventDataOffset) = token;
        if (EpollCtl(_epfd, CtlAdd, socket.Handle, evt) == 0)
        {
            return 0;
        }

        int errno = Marshal.GetLastPInvokeError();
        Release(socket);
        return errno;
    }

    /// <summary>Removes <paramref name="socket"/>; events already read for it are ignored from now on.</summary>
    public void Unregister(EpollSocket socket)
    {
        try
        {
            _ = EpollCtl(_epfd, CtlDel, socket.Handle, null);
        }
        catch (ObjectDisposedException)
        {
            // Closed already: the kernel removed it with the descriptor.
        }

        Release(socket);
    }

    private void Release(EpollSocket socket)
    {
        lock (_lock)
        {
            int slot = (int)(uint)socket.Token;
            if (ReferenceEquals(_sockets[slot], socket))
            {
                Volatile.Write(ref _sockets[slot], null);
                _free.Push(slot);
            }
        }
    }

    private void Run()
    {
        int eventSize = EventSize;
        int dataOffset = EventDataOffset;
        byte* events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * eventSize));
        long lastEvent = 0;
        int loneTurns = 0;
        EpollSocket? lastSocket = null;
        while (true)
        {
            bool quiet = loneTurns >= QuietTurns;
            bool spinning = quiet && Stopwatch.GetTimestamp() - lastEvent < s_spinTicks;
            int count = EpollWait(_epfd, events, MaxEvents, spinning ? 0 : -1);
            if (count <= 0)
            {
                if (count < 0 && Marshal.GetLastPInvokeError() != SocketErrno.EIntr)
                {
                    Environment.FailFast($"epoll_wait failed: errno {Marshal.GetLastPInvokeError()}");
                }

                continue;
            }

            if (count > 1)
            {
                loneTurns = 0;
                lastSocket = null;
            }

            for (int i = 0; i < count; i++)
            {
                byte* evt = events + (i * eventSize);
                ulong token = *(ulong*)(evt + dataOffset);
                int slot = (int)(uint)token;

                // Read the array per event: one registered after this batch began may be in a larger array only.
                EpollSocket?[] sockets = Volatile.Read(ref _sockets);
                EpollSocket? socket = slot < sockets.Length ? Volatile.Read(ref sockets[slot]) : null;
                if (socket is null || socket.Token != token)
                {
                    continue; // closed meanwhile
                }

                // Quiet: the one busy connection of the last turns, and only one that allows it (an upgraded WebSocket;
                // a request head, an HTTP route or TLS never runs here).
                bool inline = socket.RunsInline || (quiet && count == 1 && ReferenceEquals(socket, lastSocket) && socket.InlineAllowed);
                if (count == 1)
                {
                    loneTurns = ReferenceEquals(socket, lastSocket) ? loneTurns + 1 : 0;
                    lastSocket = socket;
                }

                if (inline)
                {
                    socket.OnEvents(*(uint*)evt);
                }
                else
                {
                    socket.Dispatch(*(uint*)evt);
                }
            }

            if (loneTurns >= QuietTurns)
            {
                lastEvent = Stopwatch.GetTimestamp(); // only a quiet loop polls, so only it needs the time
            }
        }
    }
}
