namespace ArenaServer.RoomBench;

/// <summary>Bytes allocated per tick by one room with its players, split by who allocates.</summary>
/// <param name="TotalPerTick">Everything the tick thread allocated per tick.</param>
/// <param name="SnapshotPerTick">The room's <c>CreateSnapshot</c> alone (game code).</param>
/// <param name="HitsPerTick">The <c>Hit</c> messages the room created (game code).</param>
/// <param name="HitBroadcastsPerTick">How many Hit broadcasts a tick made on average.</param>
internal sealed record AllocationBreakdownResult(double TotalPerTick, double SnapshotPerTick, double HitsPerTick,
    double HitBroadcastsPerTick)
{
    /// <summary>Gets what remains for the engine (queues, encode, fan-out, per-recipient frames).</summary>
    public double EnginePerTick => Math.Max(0, TotalPerTick - SnapshotPerTick - HitsPerTick);

    /// <summary>Gets the room code's share.</summary>
    public double RoomCodePerTick => SnapshotPerTick + HitsPerTick;
}
