using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Rooms;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace ArenaServer.Server.Tests.Rooms;

[Collection(AllocationMeasurementCollection.Name)]
public sealed class RoomHostOutputAllocationTests(ITestOutputHelper output)
{
    // Issue 4's 0 B per tick, for the engine alone (the room's own code allocates nothing here): inputs drained, a
    // broadcast and a snapshot encoded once, the JSON copy transcoded once, and 8 per-recipient frames built and written.
    // Frames, their writers and buffers all come back to their pools. Allocation counts are deterministic (CONVENTIONS.md §45).
    [Fact]
    public async Task RunTick_SteadyStateEightPlayersWithJsonAndBroadcasts_EngineAllocatesNothing()
    {
        var host = new RoomHost<ChattyQuietRoom, ITestInput, ITestOutput>(new RoomId("chatty"), new RoomCreateArgs("test", default),
            new ChattyQuietRoom(), TestMessages.Outputs, new RoomOptions(), new ManualClock(), 1, NullLogger.Instance);
        host.Start();
        var sinks = new WireSink[8];
        var players = new Player[8];
        for (int i = 0; i < sinks.Length; i++)
        {
            sinks[i] = new WireSink(prefersJson: i >= 6);
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
        int[] messagesBefore = [.. sinks.Select(sink => sink.Messages)];
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Ticks; i++)
        {
            Tick();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"engine allocations over {Ticks} ticks: {allocated} B");
        Assert.Equal(8 * 1200, host.Room.Inputs);
        Assert.All(sinks, sink => Assert.Equal(1200, sink.Snapshots));
        Assert.All(Enumerable.Range(0, sinks.Length), i => Assert.Equal(Ticks, sinks[i].Messages - messagesBefore[i]));
        Assert.Equal(0, allocated);
    }
}
