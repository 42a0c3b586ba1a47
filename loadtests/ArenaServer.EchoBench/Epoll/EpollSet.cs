using System.Runtime.InteropServices;

namespace ArenaServer.EchoBench.Epoll;

/// <summary>One epoll instance of the client, level-triggered for input: a descriptor is registered with its index
/// in the owner's array, and <see cref="Wait"/> hands back the indexes of the readable ones.</summary>
internal sealed unsafe class EpollSet : IDisposable
{
    private readonly int _epfd;
    private readonly int _capacity;
    private readonly byte* _events;

    public EpollSet(int capacity)
    {
        _epfd = LinuxCalls.EpollCreate(LinuxCalls.EpollCloexec);
        if (_epfd < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        _capacity = capacity;
        _events = (byte*)NativeMemory.AllocZeroed((nuint)(capacity * LinuxCalls.EventSize));
    }

    public void Add(int fd, int index)
    {
        byte* evt = stackalloc byte[16];
        *(uint*)evt = LinuxCalls.EpollIn;
        *(ulong*)(evt + LinuxCalls.EventDataOffset) = (ulong)index;
        if (LinuxCalls.EpollCtl(_epfd, LinuxCalls.CtlAdd, fd, evt) != 0)
        {
            throw new InvalidOperationException($"epoll_ctl(ADD) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> and writes the ready indexes; returns how many.</summary>
    public int Wait(Span<int> ready, int timeoutMilliseconds)
    {
        int count = LinuxCalls.EpollWait(_epfd, _events, Math.Min(_capacity, ready.Length), timeoutMilliseconds);
        if (count < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno == LinuxCalls.EIntr ? 0 : throw new InvalidOperationException($"epoll_wait failed: errno {errno}.");
        }

        for (int i = 0; i < count; i++)
        {
            ready[i] = (int)*(ulong*)(_events + i * LinuxCalls.EventSize + LinuxCalls.EventDataOffset);
        }

        return count;
    }

    public void Dispose()
    {
        LinuxCalls.Close(_epfd);
        NativeMemory.Free(_events);
    }
}
