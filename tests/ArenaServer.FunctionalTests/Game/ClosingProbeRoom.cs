using System.Collections.Concurrent;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Samples.Arena;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>A room that records, per room id, what its players saw and when its <c>OnClosingAsync</c> ran, so a test can
/// check the shutdown order. Its <c>OnClosingAsync</c> ("saving results") lasts until the test opens
/// <see cref="SaveGateOf"/>, so the test can act while the server is draining.</summary>
public sealed class ClosingProbeRoom : Room<IArenaInput, IArenaOutput>
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> s_events = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> s_saving = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> s_saveGates = new();

    public static ConcurrentQueue<string> EventsOf(string roomId) => s_events.GetOrAdd(roomId, _ => new ConcurrentQueue<string>());

    /// <summary>Completes when the room's <c>OnClosingAsync</c> has started.</summary>
    public static TaskCompletionSource SavingOf(string roomId) => s_saving.GetOrAdd(roomId, _ => NewSignal());

    /// <summary>Complete it to let the room's <c>OnClosingAsync</c> finish.</summary>
    public static TaskCompletionSource SaveGateOf(string roomId) => s_saveGates.GetOrAdd(roomId, _ => NewSignal());

    public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<IArenaInput>> inputs)
    {
    }

    public override void OnLeft(Player player, LeaveReason reason) => EventsOf(Context.Id.Value).Enqueue($"OnLeft:{reason}");

    public override async ValueTask OnClosingAsync(RoomCloseReason reason, CancellationToken cancellationToken)
    {
        string id = Context.Id.Value;
        EventsOf(id).Enqueue($"OnClosingAsync:{reason}");
        SavingOf(id).TrySetResult();
        await SaveGateOf(id).Task.WaitAsync(cancellationToken);
        EventsOf(id).Enqueue("saved");
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
