using System.Net;
using System.Runtime.InteropServices;
using ArenaServer.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArenaServer.EchoBench.FanOut;

/// <summary>
/// <c>EchoBench fanout-server [--port 0] [--max-connections 20000] [--io-engine Sockets|Epoll|IoUring|Auto] [--io-uring-rings 1] [--epoll-loops 1] [--epoll-inline true]</c>: an <see cref="ArenaListener"/> on loopback
/// with <see cref="FanOutHandler"/>, until SIGTERM or Ctrl+C. Prints "listening on http://127.0.0.1:PORT/" once bound,
/// like the Host and the Kestrel peer.
/// </summary>
internal static class FanOutServer
{
    public static async Task<int> RunAsync(BenchArguments arguments, CancellationToken cancellationToken)
    {
        TransportOptions options = new()
        {
            MaxConnections = arguments.GetInt32("max-connections", 20_000, 1, 100_000),
            OutboundQueueCapacity = arguments.GetInt32("outbound-queue-capacity", 128, 1, 65_536),
            // Without --io-engine, the transport's own default, as the Host's /echo gets.
            IoEngine = arguments.GetOptionalString("io-engine") is { } engine
                ? Enum.Parse<TransportIoEngine>(engine, ignoreCase: true)
                : new TransportOptions().IoEngine,
            IoUringRings = arguments.GetInt32("io-uring-rings", 1, 1, 64),
            EpollLoops = arguments.GetInt32("epoll-loops", 1, 1, 64),
            EpollInline = bool.Parse(arguments.GetString("epoll-inline", "true")),
        };
        FanOutHandler handler = new();
        IPEndPoint endPoint = new(IPAddress.Loopback, arguments.GetInt32("port", 0, 0, 65_535));
        await using ArenaListener listener = new(endPoint, options, handler, NullLoggerFactory.Instance, TimeProvider.System);
        listener.Start();
        Console.WriteLine($"EchoBench fan-out server ({listener.IoEngine}) listening on http://127.0.0.1:{listener.LocalEndPoint.Port}/");

        TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopped.TrySetResult();
        });
        using CancellationTokenRegistration cancel = cancellationToken.Register(() => stopped.TrySetResult());
        await stopped.Task;

        using CancellationTokenSource stopTimeout = new(TimeSpan.FromSeconds(5));
        await listener.StopAsync(1001, "benchmark over", stopTimeout.Token);
        Console.WriteLine($"broadcasts {handler.Broadcasts}, frames not enqueued {handler.NotEnqueued}");
        return 0;
    }
}
