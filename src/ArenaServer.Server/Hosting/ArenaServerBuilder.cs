using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
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

    /// <summary>Registers a room type that clients join by <paramref name="name"/> (<c>[1, name]</c>,
    /// ARCHITECTURE.md §8). Each room gets the <c>Arena:Rooms</c> defaults, then <paramref name="configure"/> on top.</summary>
    /// <typeparam name="TRoom">The game's room class; one instance per room.</typeparam>
    /// <typeparam name="TInput">The game's input marker type.</typeparam>
    /// <typeparam name="TOutput">The game's output marker type.</typeparam>
    /// <param name="name">The room type name, unique per server.</param>
    /// <param name="inputs">The inputs clients may send, by tag.</param>
    /// <param name="outputs">The snapshots and messages the room sends, by tag.</param>
    /// <param name="configure">Per-type options (tick rate, seats…); wins over the configured defaults.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentException">The name is empty or already registered.</exception>
    /// <example>
    /// <code>
    /// builder.Services.AddArenaServer(builder.Configuration.GetSection("Arena"))
    ///     .AddRoomType&lt;ArenaRoom, IArenaInput, IArenaOutput&gt;("arena", ArenaMessages.Inputs, ArenaMessages.Outputs,
    ///         room =&gt; { room.TickRate = 30; room.MaxPlayers = 16; });
    /// </code>
    /// </example>
    public ArenaServerBuilder AddRoomType<TRoom, TInput, TOutput>(string name, MessageSet<TInput> inputs,
        MessageSet<TOutput> outputs, Action<RoomOptions>? configure = null)
        where TRoom : Room<TInput, TOutput>, new()
        where TInput : class
        where TOutput : class
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        foreach (ServiceDescriptor descriptor in Services)
        {
            if (descriptor.ImplementationInstance is RoomTypeRegistrar existing && existing.Name == name)
            {
                throw new ArgumentException($"Room type '{name}' is already registered.", nameof(name));
            }
        }

        Services.AddSingleton<RoomTypeRegistrar>(new RoomTypeRegistrar<TRoom, TInput, TOutput>(name, inputs, outputs, configure));
        return this;
    }
}
