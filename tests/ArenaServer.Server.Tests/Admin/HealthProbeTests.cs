using System.Text;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Admin;
using ArenaServer.Server.Hosting;
using ArenaServer.Server.Rooms;
using ArenaServer.Server.Tests.Rooms;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ArenaServer.Server.Tests.Admin;

public sealed class HealthProbeTests
{
    private static string Body((int StatusCode, byte[] Body) result) => Encoding.UTF8.GetString(result.Body);

    [Fact]
    public void Check_IdlePool_Ok()
    {
        using var pool = new TickThreadPool(1, new ManualClock(), NullLogger.Instance);
        var probe = new HealthProbe(pool, new ArenaServerLifecycle());

        (int status, byte[] body) = probe.Check();

        Assert.Equal(200, status);
        Assert.Equal("""{"status":"ok"}""", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Check_Draining_503Draining()
    {
        using var pool = new TickThreadPool(1, new ManualClock(), NullLogger.Instance);
        var lifecycle = new ArenaServerLifecycle();
        var probe = new HealthProbe(pool, lifecycle);

        lifecycle.BeginDraining();

        Assert.Equal(503, probe.Check().StatusCode);
        Assert.Equal("""{"status":"draining"}""", Body(probe.Check()));
    }

    [Fact]
    public async Task Check_HookBlocksLongerThanThreshold_503StalledThenOkOnceItReturns()
    {
        var clock = new ManualClock();
        var room = new BlockingRoom();
        var host = new RoomHost<BlockingRoom, ITestInput, ITestOutput>(new RoomId("stuck"), new RoomCreateArgs("test", default),
            room, TestMessages.Outputs, new RoomOptions { TickRate = 10 }, clock, 1, NullLogger.Instance);
        using var pool = new TickThreadPool(1, clock, NullLogger.Instance);
        var probe = new HealthProbe(pool, new ArenaServerLifecycle());
        host.Start(); // the room clock starts now, not whenever the tick thread picks the room up
        pool.Place(host);

        try
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await room.Entered.Task.DefaultTimeout();
            (int atThreshold, _) = probe.Check();
            clock.Advance(HealthProbe.StallThreshold + TimeSpan.FromSeconds(1));

            (int stalled, byte[] body) = probe.Check();

            Assert.Equal(200, atThreshold);
            Assert.Equal(503, stalled);
            Assert.Equal("""{"status":"stalled"}""", Encoding.UTF8.GetString(body));
            Assert.True(pool.TryFindStalled(HealthProbe.StallThreshold, out string? name, out TimeSpan stalledFor));
            Assert.Equal("ArenaServer Tick 0", name);
            Assert.True(stalledFor > HealthProbe.StallThreshold);
        }
        finally
        {
            room.Release.Set();
        }

        // Once the hook returns, the loop completes a pass and the probe is healthy again; the loop runs on real time.
        await UntilAsync(() => probe.Check().StatusCode == 200).DefaultTimeout();
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }

    /// <summary>A room whose first tick blocks until the test releases it (a hook that never returns, for a while).</summary>
    private sealed class BlockingRoom : Room<ITestInput, ITestOutput>
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ManualResetEventSlim Release { get; } = new();

        public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<ITestInput>> inputs)
        {
            Entered.TrySetResult();

            // Bounded, so a failing test cannot leave the thread blocked for ever.
            Release.Wait(TimeSpan.FromSeconds(60));
        }

        public override ITestOutput? CreateSnapshot(in Tick tick) => null;
    }
}
