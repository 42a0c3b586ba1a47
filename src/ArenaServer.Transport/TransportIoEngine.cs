namespace ArenaServer.Transport;

/// <summary>How a listener's connections move bytes (<see cref="TransportOptions.IoEngine"/>).</summary>
public enum TransportIoEngine
{
    /// <summary>The runtime's socket engine (epoll on Linux, IOCP on Windows, kqueue on macOS), everywhere.</summary>
    Sockets,

    /// <summary>io_uring; the listener refuses to start where it is not available.</summary>
    IoUring,

    /// <summary><see cref="Epoll"/> where available (Linux), else <see cref="Sockets"/>.</summary>
    Auto,

    /// <summary>Our own epoll loops (Linux): edge-triggered, no runtime socket state per connection; the listener
    /// refuses to start where epoll is not available.</summary>
    Epoll,
}
