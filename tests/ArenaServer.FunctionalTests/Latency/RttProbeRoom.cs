using System.Threading.Channels;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Samples.Arena;

namespace ArenaServer.FunctionalTests.Latency;

/// <summary>A room that only reports what room code sees: every tick, each player's <see cref="Player.RoundTripTime"/>
/// once it has a sample. The server creates rooms with <c>new()</c>, so the sink is static; only
/// <see cref="GameLatencyTests"/> (a non-parallel collection) registers this room.</summary>
internal sealed class RttProbeRoom : Room<IArenaInput, IArenaOutput>
{
    public const string RoomType = "rtt-probe";

    public static Channel<TimeSpan> Observed { get; set; } = Channel.CreateUnbounded<TimeSpan>();

    public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<IArenaInput>> inputs)
    {
        foreach (Player player in Context.Players)
        {
            if (player.RoundTripTime > TimeSpan.Zero)
            {
                Observed.Writer.TryWrite(player.RoundTripTime);
            }
        }
    }
}
