using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ArenaServer.Transport.Internal.Epoll;

/// <summary>The libc calls of the epoll engine. Socket calls take the runtime's <see cref="SafeSocketHandle"/>, so a
/// descriptor is never closed (and reused by another connection) while one of our calls is using it.</summary>
internal static unsafe partial class EpollInterop
{
    public const int EpollCloexec = 0x80000;
    public const int CtlAdd = 1;
    public const int CtlDel = 2;

    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollRdHup = 0x2000;
    public const uint EpollEdgeTriggered = 1u << 31;

    public const int MsgPeek = 0x02;
    public const int MsgDontWait = 0x40;
    public const int MsgNoSignal = 0x4000;

    /// <summary>Whether <c>struct epoll_event</c> is packed (12 bytes) on this architecture, as on x86 and x86-64;
    /// elsewhere its 64-bit data member is aligned (16 bytes).</summary>
    public static readonly bool PackedEvents =
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;

    public static int EventSize => PackedEvents ? 12 : 16;

    public static int EventDataOffset => PackedEvents ? 4 : 8;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epfd, int operation, SafeSocketHandle fd, void* evt);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epfd, void* events, int maxEvents, int timeout);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(SafeSocketHandle fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(SafeSocketHandle fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    public static partial nint SendMsg(SafeSocketHandle fd, Uring.UringInterop.MsgHdr* message, int flags);
}
