using System.Net;
using ArenaServer.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArenaServer.Transport.Tests.Infrastructure;

/// <summary>Starts a real <see cref="ArenaListener"/> on a free loopback port (CONVENTIONS.md §41).</summary>
internal static class TestListener
{
    public static ArenaListener Start(IHttpRequestHandler handler, TransportOptions? options = null, TimeProvider? time = null,
        TlsOptions? tls = null, IPAddress? address = null)
    {
        options ??= new TransportOptions();
        if (Environment.GetEnvironmentVariable(ArenaServer.Testing.TestArenaServer.IoEngineVariable) is { Length: > 0 } engine && options.IoEngine == TransportIoEngine.Auto)
        {
            // The suite on another engine (CI runs it on sockets and io_uring too); a test that chose an engine keeps it.
            options.IoEngine = Enum.Parse<TransportIoEngine>(engine, ignoreCase: true);
        }

        var listener = new ArenaListener(new IPEndPoint(address ?? IPAddress.Loopback, 0), options, handler,
            NullLoggerFactory.Instance, time ?? TimeProvider.System, tls);
        listener.Start();
        return listener;
    }

    public static Uri WebSocketUri(this ArenaListener listener, string path = "/echo", string scheme = "ws")
    {
        IPEndPoint endPoint = listener.LocalEndPoint;
        string host = endPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]" : endPoint.Address.ToString();
        return new Uri($"{scheme}://{host}:{endPoint.Port}{path}");
    }

    /// <summary>Completes when the listener has registered its next connection (so the heartbeat sees it).</summary>
    public static Task<ConnectionId> NextConnectionAsync(this ArenaListener listener)
    {
        var accepted = new TaskCompletionSource<ConnectionId>(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<ConnectionId>? callback = null;
        callback = id =>
        {
            listener.ConnectionAccepted -= callback;
            accepted.TrySetResult(id);
        };
        listener.ConnectionAccepted += callback;
        return accepted.Task;
    }
}
