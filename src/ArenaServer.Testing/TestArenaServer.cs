using System.Net;
using ArenaServer.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArenaServer.Testing;

/// <summary>Runs the whole server in process on <c>127.0.0.1:0</c>, composed exactly as the Host composes it
/// (<see cref="ArenaServerServiceCollectionExtensions.AddArenaServer"/> on a generic host), for end-to-end tests.</summary>
/// <remarks>Configuration comes only from the defaults and the keys a test sets (no appsettings files, environment
/// variables or console logging), so tests are hermetic. Static files are served from the <c>wwwroot</c> next to the
/// test assembly, which this package copies from the Host. Members may be called from any thread; stop it once.</remarks>
/// <example>
/// <code>
/// await using TestArenaServer server = await TestArenaServer.StartAsync(c => c["Arena:Conformance:EchoEnabled"] = "true");
/// using var client = new ClientWebSocket();
/// await client.ConnectAsync(server.GetWebSocketUri("/echo"), CancellationToken.None);
/// </code>
/// </example>
public sealed class TestArenaServer : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly object _gate = new();
    private Task? _stopping;

    private TestArenaServer(IHost host, ArenaServerAddresses addresses)
    {
        _host = host;
        EndPoint = addresses.LocalEndPoint ?? throw new InvalidOperationException("The server started without a bound endpoint.");
        HttpUri = addresses.HttpUri!;
        IsTls = addresses.IsTls;
    }

    /// <summary>The bound port, chosen by the operating system.</summary>
    public int Port => EndPoint.Port;

    /// <summary>The bound endpoint, <c>127.0.0.1:Port</c> unless the test configured another address.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The base URL, <c>http://127.0.0.1:PORT/</c> (<c>https</c> when TLS is configured).</summary>
    public Uri HttpUri { get; }

    /// <summary>Whether the server was configured with a certificate (<c>Arena:Tls:CertificatePath</c>).</summary>
    public bool IsTls { get; }

    /// <summary>The running host's services, e.g. to read options.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a server; <paramref name="configure"/> adds or overrides configuration keys, e.g.
    /// <c>c["Arena:Conformance:EchoEnabled"] = "true"</c>.</summary>
    /// <param name="configure">Sets configuration keys on top of <c>Arena:Listen:Address=127.0.0.1</c>,
    /// <c>Arena:Listen:Port=0</c> and <c>Arena:Auth:AllowAnonymous=true</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server, once its socket is bound.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A configured value is invalid; the
    /// message names the key.</exception>
    public static Task<TestArenaServer> StartAsync(Action<IDictionary<string, string?>>? configure = null,
        CancellationToken cancellationToken = default)
        => StartAsync(configure, configureServer: null, cancellationToken);

    /// <summary>The environment variable that, when set, gives <c>Arena:Transport:IoEngine</c> for every server
    /// started here (unless the test sets it): <c>ARENA_TEST_IO_ENGINE=IoUring</c> runs a suite on io_uring.</summary>
    public const string IoEngineVariable = "ARENA_TEST_IO_ENGINE";

    /// <summary>Starts a server with configuration keys and further composition: what the Host chains onto
    /// <see cref="ArenaServerServiceCollectionExtensions.AddArenaServer"/> (room types, through
    /// <see cref="ArenaServerBuilder.AddRoomType{TRoom, TInput, TOutput}"/>), or extra and replaced services through
    /// <see cref="ArenaServerBuilder.Services"/> (a logger provider that writes to the test output, a
    /// <see cref="TimeProvider"/>).</summary>
    /// <param name="configure">Sets configuration keys on top of the loopback, port-0 defaults.</param>
    /// <param name="configureServer">Runs after the server's own registrations, so it can replace them.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server, once its socket is bound.</returns>
    public static async Task<TestArenaServer> StartAsync(Action<IDictionary<string, string?>>? configure,
        Action<ArenaServerBuilder>? configureServer, CancellationToken cancellationToken = default)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Arena:Listen:Address"] = "127.0.0.1",
            ["Arena:Listen:Port"] = "0",

            // As in the Host's Development settings: tests play anonymously unless they set it to false.
            ["Arena:Auth:AllowAnonymous"] = "true",
        };

        // Lets a whole suite run on another I/O engine (CI runs the transport-heavy suites on io_uring as well).
        if (Environment.GetEnvironmentVariable(IoEngineVariable) is { Length: > 0 } engine)
        {
            settings["Arena:Transport:IoEngine"] = engine;
        }

        configure?.Invoke(settings);

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = typeof(TestArenaServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        ArenaServerBuilder server = builder.Services.AddArenaServer(builder.Configuration.GetSection("Arena"));
        builder.Services.AddSingleton<IHostLifetime, TestHostLifetime>();
        configureServer?.Invoke(server);

        IHost host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestArenaServer(host, host.Services.GetRequiredService<ArenaServerAddresses>());
    }

    /// <summary>The WebSocket URL of <paramref name="path"/>: <c>ws://127.0.0.1:PORT{path}</c>
    /// (<c>wss://</c> when TLS is configured).</summary>
    /// <param name="path">An absolute path, optionally with a query, e.g. <c>/echo</c>.</param>
    /// <returns>The URL to connect a WebSocket client to.</returns>
    public Uri GetWebSocketUri(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException("The path must start with '/'.", nameof(path));
        }

        string scheme = IsTls ? "wss" : "ws";
        return new Uri($"{scheme}://{HttpUri.Authority}{path}");
    }

    /// <summary>Stops gracefully, as SIGTERM stops the Host: every open WebSocket is closed with 1001, then the
    /// listener is disposed. Later calls do nothing.</summary>
    /// <param name="cancellationToken">Cuts the graceful phase short; remaining connections are aborted.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _stopping ??= _host.StopAsync(cancellationToken);
            return _stopping;
        }
    }

    /// <summary>Stops the server (if still running) and releases it.</summary>
    /// <returns>A task that completes when the server is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            if (_host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                _host.Dispose();
            }
        }
    }
}
