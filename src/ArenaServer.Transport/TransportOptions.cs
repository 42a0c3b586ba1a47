namespace ArenaServer.Transport;

/// <summary>Limits and timeouts of the socket layer, bound from the configuration section <c>Arena:Transport</c>.</summary>
/// <remarks>Every limit exists because a client chooses the bytes and the timing; each default is stated with its
/// reason (CONVENTIONS.md §25). Cross-field rules are checked by <see cref="TransportOptionsValidator"/>.</remarks>
public sealed class TransportOptions
{
    /// <summary>The largest WebSocket message accepted, in bytes; larger ones close with 1009, decided from the frame
    /// header before the payload is buffered.</summary>
    /// <remarks>Defaults to 16 KiB: game inputs are tiny, and every buffered byte is chosen by the client.</remarks>
    public int MaxMessageSize { get; set; } = 16 * 1024;

    /// <summary>Bytes the socket → pipe receive pump may buffer ahead of the read loop before it stops reading.</summary>
    /// <remarks>Defaults to 64 KiB: enough for several full messages; beyond it TCP flow control pushes back on the
    /// client instead of the server's memory growing.</remarks>
    public int MaxReadBufferSize { get; set; } = 64 * 1024;

    /// <summary>Bytes the write loop may buffer ahead of the socket before its flush waits.</summary>
    /// <remarks>Defaults to 64 KiB: a few snapshots of a full room; a client that cannot take that much is slow and
    /// meets <see cref="SlowConsumerTimeout"/> rather than growing the server's memory.</remarks>
    public int MaxWriteBufferSize { get; set; } = 64 * 1024;

    /// <summary>The largest HTTP request head (request line and headers, incl. the final CRLFCRLF); larger ones get 431.</summary>
    /// <remarks>Defaults to 16 KiB: browsers send about 1 KiB; the bound stops memory exhaustion by endless headers.</remarks>
    public int MaxRequestHeadSize { get; set; } = 16 * 1024;

    /// <summary>Time from accept until the request head (and the TLS handshake) must be complete; else the socket is dropped.</summary>
    /// <remarks>Defaults to 10 s: generous for a slow mobile link, short enough that slowloris connections that trickle
    /// a header byte at a time cannot pin connection slots for long.</remarks>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a server-initiated close waits for the peer's Close reply (or FIN) before dropping TCP.</summary>
    /// <remarks>Defaults to 2 s: a live client answers within one round trip; a dead one must not hold the socket.</remarks>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Interval between WebSocket Pings (each with a fresh random 8-byte nonce, one outstanding at a time).</summary>
    /// <remarks>Defaults to 2 s: frequent enough for a fresh RTT estimate for lag compensation, cheap at 10 bytes.</remarks>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time a Ping may stay unanswered before the connection is dropped with <see cref="CloseReason.PingTimeout"/>.</summary>
    /// <remarks>Defaults to 10 s: survives a brief network stall, yet frees a dead client's seat for its grace period
    /// quickly. Must exceed <see cref="PingInterval"/>.</remarks>
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Frames the outbound message queue of one connection may hold; past it the connection closes with 4008.</summary>
    /// <remarks>Defaults to 128: about four seconds of messages at 30 Hz; reliable messages are never dropped silently,
    /// so a client that falls that far behind is closed and resumes with a full snapshot (ARCHITECTURE.md §5).</remarks>
    public int OutboundQueueCapacity { get; set; } = 128;

    /// <summary>How long a write may stay pending without a flush completing before the connection closes with 4008.</summary>
    /// <remarks>Defaults to 3 s: a socket that takes no bytes for that long belongs to a stalled client; holding its
    /// buffers longer only hurts the server.</remarks>
    public TimeSpan SlowConsumerTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Concurrent connections per listener; the next one is answered with HTTP 503 and closed.</summary>
    /// <remarks>Defaults to 10 000: bounds file descriptors and memory on a small node; raise it with the OS limits.</remarks>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>How connections receive and send: <see cref="TransportIoEngine.Auto"/> (our epoll loops on Linux,
    /// else the runtime's sockets), <see cref="TransportIoEngine.Epoll"/>, <see cref="TransportIoEngine.Sockets"/> (the
    /// runtime's socket engine) or <see cref="TransportIoEngine.IoUring"/> (io_uring); an engine named explicitly is
    /// refused at startup where it is not available.</summary>
    /// <remarks>Defaults to <see cref="TransportIoEngine.Auto"/>: on the reference machine (2 vCPU, Linux 6.18) our
    /// epoll loops hold 1.4 KB of resident memory per idle connection against 2.5 KB with the runtime's sockets (whose
    /// per-socket asynchronous state alone is ~0.9 KB), answer a lone busy connection in 22 µs instead of ~30 µs, and
    /// keep the p99 of many busy connections at or below the runtime's (docs/benchmarks.md, "epoll engine"). io_uring
    /// measured no better and held more memory per idle connection ("io_uring engine").</remarks>
    public TransportIoEngine IoEngine { get; set; } = TransportIoEngine.Auto;

    /// <summary>io_uring rings (each with its own thread) that connections are spread over; ignored with sockets.</summary>
    /// <remarks>Defaults to 1: one ring already submits for every connection in one system call per turn, and its
    /// thread leaves the other cores to the rooms' tick threads and the thread pool. More rings only pay on nodes
    /// where one ring thread is saturated.</remarks>
    public int IoUringRings { get; set; } = 1;

    /// <summary>epoll loops (each with its own thread) that connections are spread over; ignored by the other engines.</summary>
    /// <remarks>Defaults to 1: one loop thread parses every WebSocket connection's frames (<see cref="EpollInline"/>)
    /// and leaves the other cores to the rooms' tick threads, the writers and the thread pool. More loops pay on nodes
    /// with cores to spare where one loop's thread is saturated; on the 2-vCPU reference machine two loops plus the
    /// load client were more busy threads than cores, and the p99 round trip of 100 connections went from ~1 to ~4 ms.</remarks>
    public int EpollLoops { get; set; } = 1;

    /// <summary>Whether an epoll loop runs an upgraded plain-TCP WebSocket connection's receives (its read loop, and the
    /// replies it sends) on the loop's own thread instead of handing each wake-up to the thread pool; request heads,
    /// HTTP routes and TLS always go to the pool. Ignored by the other engines.</summary>
    /// <remarks>Defaults to <see langword="true"/>: a WebSocket read loop only parses frames and hands messages on, and
    /// a thread-pool hop per message costs more than the message. On the reference machine (2 vCPU) it gave 1.5–1.7×
    /// the echo throughput of the pool with 100 and 1,000 busy connections, at a lower p99 (docs/benchmarks.md, run
    /// 11). Set it to <see langword="false"/> where more threads compete for the CPU than there are cores: a loop
    /// thread the scheduler preempts delays every connection of its batch by a scheduler tick, a pool worker only its
    /// own item.</remarks>
    public bool EpollInline { get; set; } = true;
}
