using System.Collections.Concurrent;
using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Samples.Arena;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>A room that sends every player named <c>slow…</c> a 128 KiB reliable message each tick once that player
/// has sent an input (so its Joined is read first; a reader that then stops reading overflows its outbound queue or
/// stalls its writes), snapshots everyone, and reports each drop's reason to the test through <see cref="Drops"/>.</summary>
public sealed class FloodRoom : Room<IArenaInput, IArenaOutput>
{
    public const int BlobLength = 128 * 1024;

    public static readonly MessageSet<IArenaOutput> Outputs =
        MessageSet<IArenaOutput>.CreateBuilder().Add<WorldSnapshot>(tag: 1).Add<Blob>(tag: 9).Build();

    /// <summary>Per room id: completed with the reason of the first drop in that room.</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource<DisconnectReason>> Drops { get; } = new();

    public static TaskCompletionSource<DisconnectReason> DropOf(string roomId)
        => Drops.GetOrAdd(roomId, _ => new TaskCompletionSource<DisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously));

    private readonly HashSet<PlayerId> _flooded = [];

    public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<IArenaInput>> inputs)
    {
        foreach (PlayerInput<IArenaInput> input in inputs)
        {
            if (input.Player.Name.StartsWith("slow", StringComparison.Ordinal))
            {
                _flooded.Add(input.Player.Id);
            }
        }

        foreach (Player player in Context.Players)
        {
            if (player.IsConnected && _flooded.Contains(player.Id))
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
