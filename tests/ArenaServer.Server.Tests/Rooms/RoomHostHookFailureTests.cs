using ArenaServer.Abstractions.Rooms;
using ArenaServer.Testing.Harness;
using Xunit;

namespace ArenaServer.Server.Tests.Rooms;

public sealed class RoomHostHookFailureTests
{
    private static RoomHarness<TestRoom, ITestInput, ITestOutput> Create(RoomErrorPolicy policy)
        => RoomHarness.Create<TestRoom, ITestInput, ITestOutput>(TestMessages.Inputs, TestMessages.Outputs,
            o =>
            {
                o.TickRate = 10;
                o.OnError = policy;
            });

    // Each lifecycle hook is driven once with the room told to throw from it.
    private static void Drive(RoomHarness<TestRoom, ITestInput, ITestOutput> harness, HarnessPlayer alice, string hook)
    {
        harness.Room.ThrowIn = hook;
        switch (hook)
        {
            case "OnDisconnected":
                harness.Disconnect(alice);
                break;
            case "OnReconnected":
                harness.Disconnect(alice);
                harness.TryResume(alice.ResumeToken);
                break;
            case "OnLeft":
                harness.Leave(alice);
                break;
            case "OnServerEvent":
                harness.Publish(new ServerEvent("e", default));
                break;
        }

        harness.Tick();
    }

    [Theory]
    [InlineData("OnDisconnected")]
    [InlineData("OnReconnected")]
    [InlineData("OnLeft")]
    [InlineData("OnServerEvent")]
    public void Hook_ThrowsWithCloseRoom_OnlyThisRoomClosesWith1011(string hook)
    {
        using var harness = Create(RoomErrorPolicy.CloseRoom);
        using var neighbour = Create(RoomErrorPolicy.CloseRoom);
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");
        HarnessPlayer carol = neighbour.Join("carol");

        Drive(harness, alice, hook);
        neighbour.Tick();

        Assert.True(harness.IsClosed);
        Assert.Equal(RoomCloseReason.Error, harness.CloseReason);
        Assert.Equal((ushort)Protocol.CloseCodes.InternalServerError, bob.CloseCode);
        Assert.False(neighbour.IsClosed);
        Assert.Equal(1, neighbour.LastSnapshotFor(carol).Tick);
    }

    [Theory]
    [InlineData("OnDisconnected")]
    [InlineData("OnReconnected")]
    [InlineData("OnLeft")]
    [InlineData("OnServerEvent")]
    public void Hook_ThrowsWithSkipTick_RoomKeepsTicking(string hook)
    {
        using var harness = Create(RoomErrorPolicy.SkipTick);
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");

        Drive(harness, alice, hook);
        harness.Tick();

        Assert.False(harness.IsClosed);
        Assert.Equal(2, harness.LastSnapshotFor(bob).Tick);
    }

    [Fact]
    public void Hook_OnDisconnectedThrowsWithSkipTick_SeatHeldByDefault()
    {
        using var harness = Create(RoomErrorPolicy.SkipTick);
        HarnessPlayer alice = harness.Join("alice");

        Drive(harness, alice, "OnDisconnected");

        Assert.Null(harness.LastLeave(alice));
        Assert.False(alice.Player.IsConnected);
    }

    [Fact]
    public async Task OnCreated_Throws_RoomClosedAndClosingHookFailureContained()
    {
        using var harness = RoomHarness.Create<CrashOnCreateRoom, ITestInput, ITestOutput>(TestMessages.Inputs, TestMessages.Outputs);

        await harness.RunClosingAsync().DefaultTimeout();

        Assert.True(harness.IsClosed);
        Assert.Equal(RoomCloseReason.Error, harness.CloseReason);
        Assert.Equal("RoomClosed", harness.TryJoin("alice").Status);
    }
}
