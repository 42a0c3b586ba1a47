using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Rooms;

namespace ArenaServer.Server.Hosting;

/// <summary>The typed registrar behind <see cref="RoomTypeRegistrar"/>.</summary>
internal sealed class RoomTypeRegistrar<TRoom, TInput, TOutput>(string name, MessageSet<TInput> inputs,
    MessageSet<TOutput> outputs, Action<RoomOptions>? configure) : RoomTypeRegistrar(name)
    where TRoom : Room<TInput, TOutput>, new()
    where TInput : class
    where TOutput : class
{
    public override void Register(RoomManager manager, RoomOptions defaults)
        => manager.Register<TRoom, TInput, TOutput>(Name, inputs, outputs, options =>
        {
            CopyDefaults(defaults, options);
            configure?.Invoke(options);
        });

    private static void CopyDefaults(RoomOptions from, RoomOptions to)
    {
        to.TickRate = from.TickRate;
        to.SnapshotEveryTicks = from.SnapshotEveryTicks;
        to.MaxCatchUpTicks = from.MaxCatchUpTicks;
        to.MaxPlayers = from.MaxPlayers;
        to.InputQueueCapacity = from.InputQueueCapacity;
        to.MaxInputsPerPlayerPerTick = from.MaxInputsPerPlayerPerTick;
        to.ControlQueueCapacity = from.ControlQueueCapacity;
        to.ReconnectGracePeriod = from.ReconnectGracePeriod;
        to.MaxEmptyTime = from.MaxEmptyTime;
        to.OnError = from.OnError;
    }
}
