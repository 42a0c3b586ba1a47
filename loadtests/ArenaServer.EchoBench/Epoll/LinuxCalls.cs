using System.Runtime.InteropServices;

namespace ArenaServer.EchoBench.Epoll;

/// <summary>The libc calls of the epoll client (epoll(7), recv(2), send(2), poll(2)), on plain descriptors: the
/// client owns its sockets and keeps them open until its loops have ended, so a descriptor is never reused under a call.</summary>
internal static unsafe partial class LinuxCalls
{
    public const int EpollCloexec = 0x80000;
    public const int CtlAdd = 1;
    public const uint EpollIn = 0x001;
    public const int MsgDontWait = 0x40;
    public const int MsgNoSignal = 0x4000;
    public const short PollOut = 0x004;
    public const int EAgain = 11;
    public const int EIntr = 4;

    /// <summary>Whether <c>struct epoll_event</c> is packed (12 bytes), as on x86 and x86-64.</summary>
    public static readonly bool PackedEvents =
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;

    public static int EventSize => PackedEvents ? 12 : 16;

    public static int EventDataOffset => PackedEvents ? 4 : 8;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epfd, int operation, int fd, void* evt);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epfd, void* events, int maxEvents, int timeout);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
