using System.Diagnostics.Metrics;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Admin;
using ArenaServer.Server.Echo;
using ArenaServer.Server.Game;
using ArenaServer.Server.Metrics;
using ArenaServer.Server.Options;
using ArenaServer.Server.Rooms;
using ArenaServer.Server.Routing;
using ArenaServer.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Hosting;

/// <summary>The composition root shared by the Host and <c>TestArenaServer</c> (ARCHITECTURE.md §8, §13).</summary>
public static class ArenaServerServiceCollectionExtensions
{
    /// <summary>Adds the ArenaServer listener, its routes and its options, bound from <paramref name="configuration"/>
    /// (the <c>Arena</c> section) and validated when the host starts.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The <c>Arena</c> section: <c>Listen</c>, <c>Transport</c>, <c>Tls</c>,
    /// <c>Conformance</c>, <c>Http</c>, <c>Server</c>, <c>Security</c>, <c>Auth</c>, <c>MessagePack</c> and <c>Rooms</c> (the
    /// defaults of every room type) bind to their options classes.</param>
    /// <returns>A builder for the features that later chain onto the server.</returns>
    /// <example>
    /// <code>
    /// var builder = Host.CreateApplicationBuilder(args);
    /// builder.Services.AddArenaServer(builder.Configuration.GetSection("Arena"));
    /// await builder.Build().RunAsync();
    /// </code>
    /// </example>
    public static ArenaServerBuilder AddArenaServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        AddSection(services, configuration, "Listen", path => new ListenOptionsValidator(path));
        AddSection(services, configuration, "Transport", path => new TransportLimitsValidator(path));
        AddSection(services, configuration, "Tls", path => new TlsOptionsValidator(path));
        AddSection(services, configuration, "Conformance", path => new ConformanceOptionsValidator(path));
        AddSection(services, configuration, "Http", path => new HttpOptionsValidator(path));
        AddSection(services, configuration, "Server", path => new ServerOptionsValidator(path));
        AddSection(services, configuration, "Security", path => new SecurityOptionsValidator(path));
        AddSection(services, configuration, "Auth", path => new AuthOptionsValidator());
        AddSection(services, configuration, "MessagePack", path => new MessagePackLimitsOptionsValidator(path));
        AddSection(services, configuration, "Transport", path => new SessionOptionsValidator(path));
        AddSection(services, configuration, "Rooms", path => new RoomDefaultsValidator(path));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ArenaServerAddresses>();
        services.TryAddSingleton<ArenaServerLifecycle>();

        // One meter per server from the DI factory (the generic host registers one; ArenaMeterFactory stands in
        // otherwise), and a listener that aggregates only that factory's meters (ARCHITECTURE.md §14).
        services.TryAddSingleton<IMeterFactory, ArenaMeterFactory>();
        services.TryAddSingleton<ArenaMetrics>();
        services.TryAddSingleton(static provider => new MetricsCollector(provider.GetRequiredService<IMeterFactory>()));
        services.TryAddSingleton<EchoWebSocketHandler>();
        services.TryAddSingleton(CreateTickThreadPool);
        services.TryAddSingleton(CreateRoomManager);
        services.TryAddSingleton<GameWebSocketHandler>();
        services.TryAddSingleton<GameEndpoint>();
        services.TryAddSingleton<HealthProbe>();
        services.TryAddSingleton<AdminEndpoints>();
        services.TryAddSingleton<ArenaRequestRouter>();
        services.AddHostedService<ArenaServerHostedService>();
        return new ArenaServerBuilder(services, configuration);
    }

    private static TickThreadPool CreateTickThreadPool(IServiceProvider services)
    {
        ServerOptions server = services.GetRequiredService<IOptions<ServerOptions>>().Value;
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ArenaServer.Rooms");
        return new TickThreadPool(server.TickThreads, services.GetRequiredService<TimeProvider>(), logger)
        {
            ClosingTimeout = server.ShutdownTimeout,
        };
    }

    // Room types are registered when the manager is first needed (the router's construction, at host start), with
    // the validated Arena:Rooms defaults under each type's own settings.
    private static RoomManager CreateRoomManager(IServiceProvider services)
    {
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ArenaServer.Rooms");
        var manager = new RoomManager(services.GetRequiredService<TickThreadPool>(), services.GetRequiredService<TimeProvider>(), logger,
            services.GetRequiredService<ArenaMetrics>());
        RoomOptions defaults = services.GetRequiredService<IOptions<RoomOptions>>().Value;
        foreach (RoomTypeRegistrar registrar in services.GetServices<RoomTypeRegistrar>())
        {
            registrar.Register(manager, defaults);
        }

        return manager;
    }

    private static void AddSection<TOptions>(IServiceCollection services, IConfiguration arena, string name,
        Func<string, IValidateOptions<TOptions>> createValidator)
        where TOptions : class
    {
        IConfigurationSection section = arena.GetSection(name);
        services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton(createValidator(section.Path));
    }
}
