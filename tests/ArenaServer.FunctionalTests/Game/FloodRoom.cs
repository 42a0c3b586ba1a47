using System.Collections.Concurrent;
using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Samples.Arena;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>A room that sends every player named <c>slow…</c> a 128 KiB reliable message each tick (a reader that
/// stops reading then overflows its outbound queue or stalls its writes), snapshots everyone, and reports each
/// drop's reason to the test through <see cref="Drops"/>.</summary>
public sealed class FloodRoom : Room<IArenaInput, IArenaOutput>
{
    public const int BlobLength = 128 * 1024;

    public static readonly MessageSet<IArenaOutput> Outputs =
        MessageSet<IArenaOutput>.CreateBuilder().Add<WorldSnapshot>(tag: 1).Add<Blob>(tag: 9).Build();

    /// <summary>Per room id: completed with the reason of the first drop in that room.</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource<DisconnectReason>> Drops { get; } = new();

    public static TaskCompletionSource<DisconnectReason> DropOf(string roomId)
        => Drops.GetOrAdd(roomId, _ => new TaskCompletionSource<DisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously));

    public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<IArenaInput>> inputs)
    {
        foreach (Player player in Context.Players)
        {
            if (player.IsConnected && player.Name.StartsWith("slow", StringComparison.Ordinal))
            {
                Context.Send(player, new Blob(BlobLength));
            }
        }
    }

    public override IArenaOutput? CreateSnapshot(in Tick tick) => new WorldSnapshot([]);

    public override ReconnectDecision OnDisconnected(Player player, DisconnectReason reason)
    {
        DropOf(Context.Id.Value).TrySetResult(reason);
        return base.OnDisconnected(player, reason);
    }
}
