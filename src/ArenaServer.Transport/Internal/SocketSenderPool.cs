using System.Collections.Concurrent;

namespace ArenaServer.Transport.Internal;

/// <summary>A bounded pool of <see cref="SocketSender"/>s shared by a listener's connections.</summary>
/// <remarks>Thread-safe: <see cref="Rent"/> and <see cref="Return"/> may be called from any thread.</remarks>
internal sealed class SocketSenderPool : IDisposable
{
    // Enough for every send in flight on a busy 2-core node; beyond it senders are simply dropped to the GC.
    private const int MaxPooled = 1024;

    private readonly ConcurrentQueue<SocketSender> _senders = new();
    private int _count;
    private bool _disposed;

    public SocketSender Rent()
    {
        if (_senders.TryDequeue(out SocketSender? sender))
        {
            Interlocked.Decrement(ref _count);
            return sender;
        }

        return new SocketSender();
    }

    public void Return(SocketSender sender)
    {
        sender.Reset();
        if (Volatile.Read(ref _disposed) || Interlocked.Increment(ref _count) > MaxPooled)
        {
            if (!Volatile.Read(ref _disposed))
            {
                Interlocked.Decrement(ref _count);
            }

            sender.Dispose();
            return;
        }

        _senders.Enqueue(sender);
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        while (_senders.TryDequeue(out SocketSender? sender))
        {
            sender.Dispose();
        }
    }
}
