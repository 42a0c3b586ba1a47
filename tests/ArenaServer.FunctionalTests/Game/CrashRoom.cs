using ArenaServer.Abstractions.Rooms;
using ArenaServer.Samples.Arena;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>A room whose <c>OnTick</c> throws when a player fires: the default <c>OnError</c> policy closes only this
/// room, with 1011.</summary>
public sealed class CrashRoom : Room<IArenaInput, IArenaOutput>
{
    public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<IArenaInput>> inputs)
    {
        foreach (PlayerInput<IArenaInput> input in inputs)
        {
            if (input.Message is Fire)
            {
                throw new InvalidOperationException("a bug in game code");
            }
        }
    }

    public override IArenaOutput? CreateSnapshot(in Tick tick) => new WorldSnapshot([]);
}
