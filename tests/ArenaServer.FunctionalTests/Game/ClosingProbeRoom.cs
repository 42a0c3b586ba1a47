using System.Collections.Concurrent;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Samples.Arena;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>A room that records, per room id, what its players saw and when its <c>OnClosingAsync</c> ran, so a test can
/// check the shutdown order; <c>OnClosingAsync</c> takes a while, like a room saving results.</summary>
public sealed class ClosingProbeRoom : Room<IArenaInput, IArenaOutput>
{
    public static ConcurrentDictionary<string, ConcurrentQueue<string>> Events { get; } = new();

    public static ConcurrentQueue<string> EventsOf(string roomId) => Events.GetOrAdd(roomId, _ => new ConcurrentQueue<string>());

    public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<IArenaInput>> inputs)
    {
    }

    public override void OnLeft(Player player, LeaveReason reason) => EventsOf(Context.Id.Value).Enqueue($"OnLeft:{reason}");

    public override async ValueTask OnClosingAsync(RoomCloseReason reason, CancellationToken cancellationToken)
    {
        EventsOf(Context.Id.Value).Enqueue($"OnClosingAsync:{reason}");
        await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken); // "saving": the stop must wait for it
        EventsOf(Context.Id.Value).Enqueue("saved");
    }
}
