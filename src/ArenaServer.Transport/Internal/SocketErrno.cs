using System.Net.Sockets;

namespace ArenaServer.Transport.Internal;

/// <summary>Turns a Linux <c>errno</c> from our own socket system calls (io_uring, epoll) into the exception the
/// runtime's socket engine would have thrown, so the read and write loops handle every engine alike.</summary>
internal static class SocketErrno
{
    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int ECanceled = 125;

    public static Exception ToException(int errno)
        => errno == ECanceled ? new OperationCanceledException() : new SocketException(ToSocketError(errno));

    private static int ToSocketError(int errno) => errno switch
    {
        104 => (int)SocketError.ConnectionReset,
        32 => (int)SocketError.Shutdown, // EPIPE: written after our own shutdown or the peer's reset
        103 => (int)SocketError.ConnectionAborted,
        110 => (int)SocketError.TimedOut,
        9 => (int)SocketError.OperationAborted,
        _ => (int)SocketError.SocketError,
    };
}
