using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Rooms;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ArenaServer.Server.Tests.Rooms;

public sealed class TickThreadPoolTests
{
    private static RoomHost<TestRoom, ITestInput, ITestOutput> CreateHost(string id, ManualClock clock, RoomErrorPolicy policy)
    {
        var host = new RoomHost<TestRoom, ITestInput, ITestOutput>(new RoomId(id), new RoomCreateArgs("test", default),
            new TestRoom(), TestMessages.Outputs, new RoomOptions { TickRate = 10, OnError = policy }, clock, 1, NullLogger.Instance);
        host.Start();
        return host;
    }

    [Fact]
    public async Task Place_OneRoomThrowsOnSameThread_OnlyThatRoomClosesOtherKeepsTicking()
    {
        var clock = new ManualClock();
        RoomHost<TestRoom, ITestInput, ITestOutput> healthy = CreateHost("healthy", clock, RoomErrorPolicy.CloseRoom);
        RoomHost<TestRoom, ITestInput, ITestOutput> crashing = CreateHost("crashing", clock, RoomErrorPolicy.CloseRoom);
        healthy.Room.ReachedTick = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        healthy.Room.ReachedTickTarget = 8;
        crashing.Room.ThrowIn = "OnTick";
        using var pool = new TickThreadPool(1, clock, NullLogger.Instance);

        pool.Place(healthy);
        pool.Place(crashing);
        clock.Advance(TimeSpan.FromSeconds(0.5));
        await crashing.Room.Closing.Task.DefaultTimeout();
        clock.Advance(TimeSpan.FromSeconds(0.5));
        long reached = await healthy.Room.ReachedTick.Task.DefaultTimeout();

        Assert.Equal(RoomCloseReason.Error, crashing.CloseReason);
        Assert.False(healthy.IsClosed);
        Assert.True(reached >= 8);
        Assert.Equal(1, crashing.CurrentTick);
    }

    [Fact]
    public void Place_FourRooms_SpreadOverLeastLoadedThreads()
    {
        var clock = new ManualClock();
        using var pool = new TickThreadPool(2, clock, NullLogger.Instance);

        int[] placed = [.. Enumerable.Range(0, 4).Select(i => pool.Place(CreateHost($"r{i}", clock, RoomErrorPolicy.CloseRoom)))];

        Assert.Equal([0, 1, 0, 1], placed);
        Assert.Equal([2, 2], pool.Loads);
    }

    [Fact]
    public async Task ShutdownRooms_RunningRoom_ClosedAsShutdownWith1001AndClosingHookRuns()
    {
        var clock = new ManualClock();
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost("r", clock, RoomErrorPolicy.CloseRoom);
        var sink = new CapturingSink();
        Task<SeatOutcome> joined = host.TryEnqueueJoin(JoinRequest.Anonymous("alice"), sink);
        host.ApplyCommandsNow();
        await joined.DefaultTimeout();
        using var pool = new TickThreadPool(1, clock, NullLogger.Instance);
        pool.Place(host);

        pool.ShutdownRooms();
        RoomCloseReason reason = await host.Room.Closing.Task.DefaultTimeout();

        Assert.Equal(RoomCloseReason.ServerShutdown, reason);
        Assert.Equal(Protocol.CloseCodes.GoingAway, sink.ClosedWith);
        Assert.Contains("OnLeft:alice:ServerShutdown", host.Room.Calls);
        Assert.Equal(SeatStatus.RoomClosed, (await host.TryEnqueueJoin(JoinRequest.Anonymous("late"), sink).DefaultTimeout()).Status);
        sink.ReleaseAll();
    }

    [Fact]
    public async Task ShutdownRoomsAsync_ClosingHookStillRunning_WaitsForIt()
    {
        var clock = new ManualClock();
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost("r", clock, RoomErrorPolicy.CloseRoom);
        host.Room.ClosingGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var pool = new TickThreadPool(2, clock, NullLogger.Instance);
        pool.Place(host);

        Task shutdown = pool.ShutdownRoomsAsync(CancellationToken.None);
        await host.Room.Closing.Task.DefaultTimeout();
        bool waitedForTheHook = !shutdown.IsCompleted;
        host.Room.ClosingGate.SetResult();
        await shutdown.DefaultTimeout();

        Assert.True(waitedForTheHook);
        Assert.Equal([0, 0], pool.Loads);
    }

    [Fact]
    public async Task ShutdownRoomsAsync_NoRooms_CompletesAtOnce()
    {
        using var pool = new TickThreadPool(2, new ManualClock(), NullLogger.Instance);

        await pool.ShutdownRoomsAsync(CancellationToken.None).DefaultTimeout();

        Assert.Equal([0, 0], pool.Loads);
    }

    [Fact]
    public async Task ShutdownRoomsAsync_HookNeverEnds_CancelledAtTheDeadline()
    {
        var clock = new ManualClock();
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost("r", clock, RoomErrorPolicy.CloseRoom);
        host.Room.ClosingGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var pool = new TickThreadPool(1, clock, NullLogger.Instance);
        pool.Place(host);
        using var deadline = new CancellationTokenSource();

        Task shutdown = pool.ShutdownRoomsAsync(deadline.Token);
        await host.Room.Closing.Task.DefaultTimeout();
        await deadline.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => shutdown.DefaultTimeout());
    }
}
