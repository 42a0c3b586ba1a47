using System.Runtime.InteropServices;

namespace ArenaServer.Transport.Internal.Uring;

/// <summary>The Linux io_uring system calls and ABI structures (include/uapi/linux/io_uring.h), called through libc's
/// <c>syscall</c>: the three io_uring calls have the same numbers on every architecture .NET runs on.</summary>
internal static unsafe partial class UringInterop
{
    public const long SysIoUringSetup = 425;
    public const long SysIoUringEnter = 426;
    public const long SysIoUringRegister = 427;

    public const uint RegisterEventFd = 4;
    public const uint CqEventFdDisabled = 1;
    public const short PollInEvent = 0x0001;

    public const uint SetupCqSize = 1u << 3;
    public const uint SetupClamp = 1u << 4;

    public const uint FeatSingleMmap = 1u << 0;
    public const uint FeatNoDrop = 1u << 1;
    public const uint FeatFastPoll = 1u << 5;

    public const long OffSqRing = 0;
    public const long OffSqes = 0x10000000;

    public const byte OpPollAdd = 6;
    public const byte OpSendMsg = 9;
    public const byte OpAsyncCancel = 14;
    public const byte OpSend = 26;
    public const byte OpRecv = 27;

    public const uint PollIn = 0x0001;
    public const uint PollErr = 0x0008;
    public const uint PollHup = 0x0010;
    public const uint PollRdHup = 0x2000;

    public const uint MsgNoSignal = 0x4000;

    public const int ProtRead = 1;
    public const int ProtWrite = 2;
    public const int MapShared = 1;
    public const int MapPopulate = 0x8000;

    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int EBusy = 16;
    public const int ECanceled = 125;

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial long Setup(long number, uint entries, IoUringParams* parameters);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial long Enter(long number, int fd, uint toSubmit, uint minComplete, uint flags, void* sig, nuint sigSize);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial long Register(long number, int fd, uint opcode, void* argument, uint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeout);

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    public static partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(void* address, nuint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    public const int EfdCloexec = 0x80000;
    public const int EfdNonBlock = 0x800;

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buffer, nuint count);

    [StructLayout(LayoutKind.Sequential)]
    public struct SqRingOffsets
    {
        public uint Head;
        public uint Tail;
        public uint RingMask;
        public uint RingEntries;
        public uint Flags;
        public uint Dropped;
        public uint Array;
        public uint Resv1;
        public ulong UserAddr;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CqRingOffsets
    {
        public uint Head;
        public uint Tail;
        public uint RingMask;
        public uint RingEntries;
        public uint Overflow;
        public uint Cqes;
        public uint Flags;
        public uint Resv1;
        public ulong UserAddr;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct IoUringParams
    {
        public uint SqEntries;
        public uint CqEntries;
        public uint Flags;
        public uint SqThreadCpu;
        public uint SqThreadIdle;
        public uint Features;
        public uint WqFd;
        public uint Resv0;
        public uint Resv1;
        public uint Resv2;
        public SqRingOffsets SqOff;
        public CqRingOffsets CqOff;
    }

    /// <summary>A submission queue entry (64 bytes); only the fields the transport uses are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    public struct Sqe
    {
        [FieldOffset(0)] public byte Opcode;
        [FieldOffset(1)] public byte Flags;
        [FieldOffset(2)] public ushort IoPrio;
        [FieldOffset(4)] public int Fd;
        [FieldOffset(8)] public ulong Offset;
        [FieldOffset(16)] public ulong Address;
        [FieldOffset(24)] public uint Length;
        [FieldOffset(28)] public uint OpFlags; // msg_flags, poll32_events, cancel_flags
        [FieldOffset(32)] public ulong UserData;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Cqe
    {
        public ulong UserData;
        public int Result;
        public uint Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }
}
