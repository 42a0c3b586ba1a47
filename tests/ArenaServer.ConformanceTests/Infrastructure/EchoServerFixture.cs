using System.Net;
using ArenaServer.ConformanceTests.Client;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.ConformanceTests.Infrastructure;

/// <summary>One in-process server with <c>/echo</c> enabled, shared by every section (starting one is not free).</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    public const string EchoPath = "/echo";

    // Starting a generic host on a loaded 2-core machine can take a few seconds in Debug.
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    private TestArenaServer? _server;

    internal IPEndPoint EndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    internal string Path { get; private set; } = EchoPath;

    /// <summary>The only configuration the suite relies on, exactly as an external Autobahn run would use it.</summary>
    internal static void EnableEcho(IDictionary<string, string?> configuration)
        => configuration["Arena:Conformance:EchoEnabled"] = "true";

    public async Task InitializeAsync()
    {
        if (ConformanceTarget.ExternalUri is Uri external)
        {
            EndPoint = ConformanceTarget.EndPointOf(external);
            Path = external.PathAndQuery;
            return;
        }

        _server = await TestArenaServer.StartAsync(EnableEcho).TimeoutAfter(s_startTimeout);
        EndPoint = _server.EndPoint;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().AsTask().TimeoutAfter(s_startTimeout);
        }
    }

    /// <summary>Opens a WebSocket to <c>/echo</c> for one Autobahn case, with a validated handshake.</summary>
    internal Task<RawWebSocketClient> ConnectAsync(string caseId) => RawWebSocketClient.ConnectAsync(EndPoint, Path, caseId);

    /// <summary>Opens a WebSocket to <c>/echo</c> with extra request headers.</summary>
    internal Task<RawWebSocketClient> ConnectAsync(string caseId, params string[] extraHeaders)
        => RawWebSocketClient.ConnectAsync(EndPoint, Path, caseId, extraHeaders);

    /// <summary>Opens a bare TCP connection to the server, for handshake-negative tests.</summary>
    internal Task<RawWebSocketClient> ConnectRawAsync(string caseId) => RawWebSocketClient.ConnectRawAsync(EndPoint, caseId);
}
