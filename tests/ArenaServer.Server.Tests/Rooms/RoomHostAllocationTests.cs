using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Rooms;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace ArenaServer.Server.Tests.Rooms;

public sealed class RoomHostAllocationTests(ITestOutputHelper output)
{
    // Not a speed test (CONVENTIONS.md §45): allocation counts are deterministic. The bound documents what the engine
    // itself costs per tick with 8 players and one input each; the target in issue 4 is 0 B (see RoomHost.Tick.cs).
    [Fact]
    public async Task RunTick_SteadyStateEightPlayers_EngineAllocatesOnlyTheSnapshotFrame()
    {
        var host = new RoomHost<QuietRoom, ITestInput, ITestOutput>(new RoomId("quiet"), new RoomCreateArgs("test", default),
            new QuietRoom(), TestMessages.Outputs, new RoomOptions(), new ManualClock(), 1, NullLogger.Instance);
        host.Start();
        var sinks = new ReleasingSink[8];
        var players = new Player[8];
        for (int i = 0; i < sinks.Length; i++)
        {
            sinks[i] = new ReleasingSink();
            Task<SeatOutcome> joined = host.TryEnqueueJoin(JoinRequest.Anonymous($"p{i}"), sinks[i]);
            host.ApplyCommandsNow();
            Assert.True(joined.IsCompletedSuccessfully);
            players[i] = (await joined.DefaultTimeout()).Player!;
        }

        var input = new Push(1);
        uint sequence = 0;
        void Tick()
        {
            sequence++;
            foreach (Player player in players)
            {
                host.TryWriteInput(player, sequence, input);
            }

            host.RunTick();
        }

        for (int i = 0; i < 200; i++)
        {
            Tick();
        }

        const int Ticks = 1000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Ticks; i++)
        {
            Tick();
        }

        long perTick = (GC.GetAllocatedBytesForCurrentThread() - before) / Ticks;
        output.WriteLine($"engine allocations per tick: {perTick} B");
        Assert.Equal(8 * 1200, host.Room.Inputs);
        Assert.Equal(1200, sinks[7].Snapshots);
        Assert.InRange(perTick, 0, 256);
    }
}
