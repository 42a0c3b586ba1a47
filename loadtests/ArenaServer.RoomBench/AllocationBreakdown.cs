using ArenaServer.Abstractions.Rooms;
using ArenaServer.Samples.Arena;
using ArenaServer.Server.Rooms;
using ArenaServer.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArenaServer.RoomBench;

/// <summary>Splits the bytes allocated per tick between the engine and the room's own code, on one room ticked by
/// hand on this thread (deterministic: a manual clock, the same inputs every run).</summary>
/// <remarks>The live run measures what the tick threads allocate in total; this tells how much of it is game code
/// (whatever the room's <c>CreateSnapshot</c> allocates, and a <see cref="Hit"/> per tag) and how much is the
/// engine's.</remarks>
internal static class AllocationBreakdown
{
    private const int WarmupTicks = 300;
    private const int MeasuredTicks = 3000;

    private static object? s_kept;

    public static AllocationBreakdownResult Run(int players, int jsonPlayers, int tickRate, int measuredTicks = MeasuredTicks)
    {
        var options = new RoomOptions { TickRate = tickRate, MaxPlayers = Math.Max(players, 1) };
        var host = new RoomHost<ArenaRoom, IArenaInput, IArenaOutput>(new RoomId("breakdown"), new RoomCreateArgs("arena", default),
            new ArenaRoom(), ArenaMessages.Outputs, options, new ManualClock(), seed: 7, NullLogger.Instance,
            inputs: ArenaMessages.Inputs);
        host.Start();
        var seated = new Player[players];
        var sinks = new BenchPlayerSink[players];
        for (int i = 0; i < players; i++)
        {
            sinks[i] = new BenchPlayerSink(i < jsonPlayers);
            Task<SeatOutcome> joined = host.TryEnqueueJoin(JoinRequest.Anonymous($"p{i}"), sinks[i]);
            host.ApplyCommandsNow();
            seated[i] = joined.Result.Player ?? throw new InvalidOperationException("The breakdown room refused a join.");
        }

        IArenaInput[] moves = [new Move(1, 0), new Move(0, 1), new Move(-1, 0), new Move(0, -1), new Move(1, 1)];
        IArenaInput fire = new Fire();
        uint sequence = 0;
        void Tick()
        {
            sequence++;
            for (int i = 0; i < seated.Length; i++)
            {
                IArenaInput input = (sequence + (uint)i) % 15 == 0 ? fire : moves[(int)((sequence / 30 + (uint)i) % moves.Length)];
                host.TryWriteInput(seated[i], sequence, input);
            }

            host.RunTick();
        }

        for (int i = 0; i < WarmupTicks; i++)
        {
            Tick();
        }

        long messagesBefore = sinks[0].Messages;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < measuredTicks; i++)
        {
            Tick();
        }

        long total = GC.GetAllocatedBytesForCurrentThread() - before;
        long hits = sinks[0].Messages - messagesBefore; // every Hit is broadcast to every player

        // The room's own share: the same CreateSnapshot call the host makes each tick, alone.
        var tick = new Tick(host.CurrentTick, options.TickInterval);
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < measuredTicks; i++)
        {
            Keep(host.Room.CreateSnapshot(tick));
        }

        long snapshots = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        Keep(new Hit(1, 2));
        long hitSize = GC.GetAllocatedBytesForCurrentThread() - before;
        return new AllocationBreakdownResult(
            TotalPerTick: total / (double)measuredTicks,
            SnapshotPerTick: snapshots / (double)measuredTicks,
            HitsPerTick: hits * hitSize / (double)measuredTicks,
            HitBroadcastsPerTick: hits / (double)measuredTicks);
    }

    // Stores the object where the JIT cannot prove it dead, so the allocation is real and counted.
    private static void Keep(object? value) => s_kept = value;
}
