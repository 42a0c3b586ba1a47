using ArenaServer.Abstractions.Rooms;
using ArenaServer.Protocol;

namespace ArenaServer.Testing.Harness;

public sealed partial class RoomHarness<TRoom, TInput, TOutput>
{
    /// <summary>Gets every message (Send and Broadcast) the player's connections received, in order.</summary>
    /// <param name="player">The player.</param>
    /// <returns>The decoded messages.</returns>
    public IReadOnlyList<TOutput> SentTo(HarnessPlayer player) => [.. ConnectionsOf(player).SelectMany(c => c.Messages)];

    /// <summary>Gets every server event the player's connections received.</summary>
    /// <param name="player">The player.</param>
    /// <returns>The decoded events.</returns>
    public IReadOnlyList<HarnessEvent> EventsTo(HarnessPlayer player) => [.. ConnectionsOf(player).SelectMany(c => c.Events)];

    /// <summary>Gets every snapshot the player's connections received, in order.</summary>
    /// <param name="player">The player.</param>
    /// <returns>The decoded snapshots.</returns>
    public IReadOnlyList<HarnessSnapshot<TOutput>> SnapshotsFor(HarnessPlayer player) => [.. ConnectionsOf(player).SelectMany(c => c.Snapshots)];

    /// <summary>Gets the newest snapshot the player received.</summary>
    /// <param name="player">The player.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="InvalidOperationException">The player has received none.</exception>
    public HarnessSnapshot<TOutput> LastSnapshotFor(HarnessPlayer player)
        => SnapshotsFor(player) is { Count: > 0 } snapshots
            ? snapshots[^1]
            : throw new InvalidOperationException($"{player} has received no snapshot.");

    /// <summary>Gets the room's members as the player's latest connection knows them from the server's presence
    /// messages (PROTOCOL.md §5, kind 73): the full list after its join or resume, kept up to date by the deltas.</summary>
    /// <param name="player">The player.</param>
    /// <returns>The members, in the order the server listed them.</returns>
    public IReadOnlyList<PresenceMember> PresenceOf(HarnessPlayer player) => [.. ConnectionsOf(player)[^1].Members];

    /// <summary>Gets why the player's seat was released, or null while it exists.</summary>
    /// <param name="player">The player.</param>
    /// <returns>The reason <c>OnLeft</c> received.</returns>
    public LeaveReason? LastLeave(HarnessPlayer player)
    {
        ArgumentNullException.ThrowIfNull(player);
        return _tap.Leaves.TryGetValue(player.Id, out LeaveReason reason) ? reason : null;
    }

    private List<HarnessConnection<TOutput>> ConnectionsOf(HarnessPlayer player)
    {
        ArgumentNullException.ThrowIfNull(player);
        return _connections.TryGetValue(player, out List<HarnessConnection<TOutput>>? list)
            ? list
            : throw new ArgumentException("Not a player of this harness.", nameof(player));
    }
}
