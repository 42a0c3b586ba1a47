namespace ArenaServer.Transport;

/// <summary>How a listener's connections move bytes (<see cref="TransportOptions.IoEngine"/>).</summary>
public enum TransportIoEngine
{
    /// <summary>The runtime's socket engine (epoll on Linux), everywhere.</summary>
    Sockets,

    /// <summary>io_uring; the listener refuses to start where it is not available.</summary>
    IoUring,

    /// <summary>io_uring where the kernel allows it (Linux 5.7+, not disabled), else <see cref="Sockets"/>.</summary>
    Auto,

    /// <summary>Our own epoll loops (Linux): edge-triggered, continuations inline on the loop's thread, no runtime
    /// socket state per connection; the listener refuses to start where epoll is not available.</summary>
    Epoll,
}
