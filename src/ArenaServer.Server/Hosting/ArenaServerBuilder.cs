using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ArenaServer.Server.Hosting;

/// <summary>Returned by <see cref="ArenaServerServiceCollectionExtensions.AddArenaServer"/> so that later features
/// (room types, authentication, cluster mode) chain onto the same registration.</summary>
public sealed class ArenaServerBuilder
{
    internal ArenaServerBuilder(IServiceCollection services, IConfiguration configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    /// <summary>The service collection the server was added to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The <c>Arena</c> configuration section the server binds its options from.</summary>
    public IConfiguration Configuration { get; }
}
