using ArenaServer.Abstractions.Rooms;
using ArenaServer.Protocol;
using ArenaServer.Testing.Harness;
using Xunit;

namespace ArenaServer.Server.Tests.Rooms;

public sealed class RoomHostTests
{
    private static RoomHarness<TestRoom, ITestInput, ITestOutput> Create(Action<RoomOptions>? configure = null, int seed = 7)
        => RoomHarness.Create<TestRoom, ITestInput, ITestOutput>(TestMessages.Inputs, TestMessages.Outputs,
            o =>
            {
                o.TickRate = 10;
                configure?.Invoke(o);
            },
            seed);

    [Fact]
    public void Start_Created_OnCreatedRunsOnceBeforeAnyTick()
    {
        using var harness = Create();

        Assert.Equal(["OnCreated"], harness.Room.Calls);
        Assert.Equal(0, harness.CurrentTick);
    }

    [Fact]
    public void Join_Accepted_WelcomeToJoinerAndNoticeToOthers()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");

        HarnessPlayer bob = harness.Join("bob");

        Assert.Equal(1, alice.Id.Value);
        Assert.Equal(2, bob.Id.Value);
        Assert.Equal([new Note("welcome alice"), new Note("joined bob")], harness.SentTo(alice));
        Assert.Equal([new Note("welcome bob")], harness.SentTo(bob));
        Assert.Equal([new Note("joined bob")], harness.Broadcasts);
        Assert.Equal(["OnCreated", "OnJoining", "OnJoined", "OnJoining", "OnJoined"], harness.Room.Calls);
        Assert.Equal(22, alice.ResumeToken.Length);
    }

    [Fact]
    public void Join_OnJoiningRejects_RejectedWithReasonAndNoSeat()
    {
        using var harness = Create();

        HarnessJoinResult result = harness.TryJoin("banned");

        Assert.False(result.Succeeded);
        Assert.Equal("Rejected", result.Status);
        Assert.Equal("banned here", result.Reason);
        Assert.Empty(harness.Room.Ctx.Players);
    }

    [Fact]
    public void Join_RoomFull_RefusedWithoutCallingOnJoining()
    {
        using var harness = Create(o => o.MaxPlayers = 1);
        harness.Join("alice");

        HarnessJoinResult result = harness.TryJoin("bob");

        Assert.Equal("RoomFull", result.Status);
        Assert.Single(harness.Room.Calls, c => c == "OnJoining");
    }

    [Fact]
    public void Join_Locked_RefusedUntilUnlocked()
    {
        using var harness = Create();
        harness.Room.Ctx.SetLocked(true);

        HarnessJoinResult locked = harness.TryJoin("alice");
        harness.Room.Ctx.SetLocked(false);
        HarnessJoinResult unlocked = harness.TryJoin("alice");

        Assert.Equal("Locked", locked.Status);
        Assert.True(unlocked.Succeeded);
    }

    [Fact]
    public void OnTick_InputsQueued_HandedInArrivalOrderAndAckedInSnapshot()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");

        harness.Input(alice, new Push(1));
        harness.Input(bob, new Push(10));
        harness.Input(alice, new Push(2));
        harness.Tick();

        Assert.Equal([("alice", 1, 1u), ("bob", 10, 1u), ("alice", 2, 2u)], harness.Room.Handed);
        HarnessSnapshot<ITestOutput> aliceSnapshot = harness.LastSnapshotFor(alice);
        Assert.Equal(1, aliceSnapshot.Tick);
        Assert.Equal(2u, aliceSnapshot.AckedInput);
        Assert.Equal(1u, harness.LastSnapshotFor(bob).AckedInput);
        Assert.Equal(13, Assert.IsType<CounterState>(aliceSnapshot.Body).Total);
        Assert.Equal(2u, alice.Player.LastProcessedInput);
    }

    [Fact]
    public void OnTick_InputAfterTick_WaitsForNextTick()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        harness.Tick();

        harness.Input(alice, new Push(5));

        Assert.Empty(harness.Room.Handed);
        harness.Tick();
        Assert.Equal([("alice", 5, 1u)], harness.Room.Handed);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public void Input_QueueFull_NewInputDroppedAndCounted()
    {
        using var harness = Create(o =>
        {
            o.InputQueueCapacity = 8;
            o.MaxInputsPerPlayerPerTick = 8;
        });
        HarnessPlayer alice = harness.Join("alice");

        bool[] accepted = [.. Enumerable.Range(1, 9).Select(i => harness.Input(alice, new Push(i)))];
        harness.Tick();

        Assert.Equal(8, accepted.Count(a => a));
        Assert.False(accepted[8]);
        Assert.Equal(1, harness.InputsDroppedQueueFull);
        Assert.Equal(36, harness.Room.Total);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "400")]
    public void OnTick_PerPlayerCapExceeded_ExcessDroppedOthersUnaffected()
    {
        using var harness = Create(o => o.MaxInputsPerPlayerPerTick = 2);
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");

        for (int i = 0; i < 5; i++)
        {
            harness.Input(alice, new Push(1));
        }

        harness.Input(bob, new Push(100));
        harness.Tick();

        Assert.Equal(102, harness.Room.Total);
        Assert.Equal(3, harness.InputsDroppedPerTick);
        Assert.Equal(2u, harness.LastSnapshotFor(alice).AckedInput);
    }

    [Fact]
    public void OnTick_SequenceNotIncreasing_Dropped()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");

        harness.Input(alice, new Push(1), sequence: 5);
        harness.Input(alice, new Push(1), sequence: 5);
        harness.Input(alice, new Push(1), sequence: 4);
        harness.Tick();

        Assert.Equal(1, harness.Room.Total);
        Assert.Equal(2, harness.InputsDroppedPerTick);
    }

    [Fact]
    public void Advance_HalfSteps_TicksOnlyOnWholeStepsWithFixedDelta()
    {
        using var harness = Create();
        TimeSpan half = harness.TickInterval / 2;

        harness.Advance(half);
        long afterHalf = harness.CurrentTick;
        harness.Advance(half);

        Assert.Equal(0, afterHalf);
        Assert.Equal(1, harness.CurrentTick);
        harness.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(11, harness.CurrentTick);
        Assert.Equal(TimeSpan.FromMilliseconds(100), harness.Room.Ctx.CurrentTick.DeltaTime);
        Assert.Equal(0, harness.SkippedTicks);
    }

    [Fact]
    public void Stall_LongerThanCatchUpCap_RunsCapAndCountsSkipped()
    {
        using var harness = Create(o => o.MaxCatchUpTicks = 5);

        int ran = harness.Stall(TimeSpan.FromSeconds(1));

        Assert.Equal(5, ran);
        Assert.Equal(5, harness.SkippedTicks);
        Assert.Equal(5, harness.CurrentTick);
        harness.Tick();
        Assert.Equal(6, harness.CurrentTick);
    }

    [Fact]
    public void Snapshot_TwoPlayers_SameBodyPerRecipientPrefix()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");
        harness.Input(alice, new Push(3));

        harness.Tick();

        HarnessSnapshot<ITestOutput> a = harness.LastSnapshotFor(alice);
        HarnessSnapshot<ITestOutput> b = harness.LastSnapshotFor(bob);
        byte[] body = harness.SnapshotBodies.Single().Body;
        Assert.Equal(1u, a.AckedInput);
        Assert.Equal(0u, b.AckedInput);
        Assert.Equal(body, a.Envelope[^body.Length..]);
        Assert.Equal(body, b.Envelope[^body.Length..]);
        Assert.Equal(a.Body, b.Body);
        Assert.True(a.IsFull);
    }

    [Fact]
    public void Snapshot_EveryThirdTick_OnlyOnSnapshotTicksAndStrictlyIncreasing()
    {
        using var harness = Create(o => o.SnapshotEveryTicks = 3);
        HarnessPlayer alice = harness.Join("alice");

        harness.Tick(7);

        Assert.Equal([3L, 6L], harness.SnapshotsFor(alice).Select(s => s.Tick));
        Assert.False(harness.SnapshotsFor(alice)[1].IsFull);
    }

    [Fact]
    public void OnTick_ThrowsWithCloseRoom_RoomClosedWith1011()
    {
        using var harness = Create(o => o.OnError = RoomErrorPolicy.CloseRoom);
        HarnessPlayer alice = harness.Join("alice");

        harness.Input(alice, new Boom());
        harness.Tick();

        Assert.True(harness.IsClosed);
        Assert.Equal(RoomCloseReason.Error, harness.CloseReason);
        Assert.Equal((ushort)CloseCodes.InternalServerError, alice.CloseCode);
        Assert.DoesNotContain(new Note("before boom"), harness.SentTo(alice));
        Assert.Empty(harness.SnapshotsFor(alice));
        Assert.DoesNotContain(harness.Room.Calls, c => c.StartsWith("OnLeft", StringComparison.Ordinal));
    }

    [Fact]
    public void OnTick_ThrowsWithSkipTick_OutputsOfHookDiscardedRoomContinues()
    {
        using var harness = Create(o => o.OnError = RoomErrorPolicy.SkipTick);
        HarnessPlayer alice = harness.Join("alice");

        harness.Input(alice, new Boom());
        harness.Tick();
        harness.Input(alice, new Push(4));
        harness.Tick();

        Assert.False(harness.IsClosed);
        Assert.DoesNotContain(new Note("before boom"), harness.SentTo(alice));
        Assert.Equal(4, harness.Room.Total);
        Assert.Equal(2u, harness.LastSnapshotFor(alice).AckedInput);
        Assert.Equal(2, harness.LastSnapshotFor(alice).Tick);
    }

    [Theory]
    [InlineData("OnJoining")]
    [InlineData("OnJoined")]
    [InlineData("CreateSnapshot")]
    public void Hook_ThrowsWithCloseRoom_RoomClosedAsError(string hook)
    {
        using var harness = Create();
        harness.Room.ThrowIn = hook;

        harness.TryJoin("alice");
        harness.Tick();

        Assert.True(harness.IsClosed);
        Assert.Equal(RoomCloseReason.Error, harness.CloseReason);
    }

    [Fact]
    public void Send_UnregisteredType_FencedAsHookFailure()
    {
        using var harness = Create(o => o.OnError = RoomErrorPolicy.SkipTick);
        HarnessPlayer alice = harness.Join("alice");
        harness.Room.SendUnregistered = true;

        harness.Tick(2);

        Assert.False(harness.IsClosed);
        Assert.Equal(2, harness.LastSnapshotFor(alice).Tick);
    }

    [Fact]
    public void Disconnect_HoldSeat_StaysInPlayersNotConnectedAndSendsDropped()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");

        harness.Disconnect(alice, DisconnectReason.PingTimeout);
        harness.Join("bob");
        harness.Tick();

        Assert.Contains(alice.Player, harness.Room.Ctx.Players);
        Assert.False(alice.Player.IsConnected);
        Assert.Contains("OnDisconnected:alice:PingTimeout", harness.Room.Calls);
        Assert.Null(harness.LastLeave(alice));
        Assert.Empty(harness.SnapshotsFor(alice));
        Assert.Null(alice.CloseCode);
    }

    [Fact]
    public void Disconnect_GraceExpires_OnLeftReconnectTimedOut()
    {
        using var harness = Create(o => o.ReconnectGracePeriod = TimeSpan.FromSeconds(20));
        HarnessPlayer alice = harness.Join("alice");
        harness.Disconnect(alice);

        harness.Advance(TimeSpan.FromSeconds(19.9));
        LeaveReason? beforeExpiry = harness.LastLeave(alice);
        harness.Advance(TimeSpan.FromSeconds(0.2));

        Assert.Null(beforeExpiry);
        Assert.Equal(LeaveReason.ReconnectTimedOut, harness.LastLeave(alice));
        Assert.Empty(harness.Room.Ctx.Players);
        Assert.Equal("ResumeRejected", harness.TryResume(alice.ResumeToken).Status);
    }

    [Fact]
    public void Disconnect_HoldSeatFor_UsesRoomChosenGrace()
    {
        using var harness = Create();
        harness.Room.Decision = ReconnectDecision.HoldSeatFor(TimeSpan.FromSeconds(2));
        HarnessPlayer alice = harness.Join("alice");
        harness.Disconnect(alice);

        harness.Advance(TimeSpan.FromSeconds(2.1));

        Assert.Equal(LeaveReason.ReconnectTimedOut, harness.LastLeave(alice));
    }

    [Fact]
    public void Disconnect_Release_OnLeftReleasedAtOnce()
    {
        using var harness = Create();
        harness.Room.Decision = ReconnectDecision.Release();
        HarnessPlayer alice = harness.Join("alice");

        harness.Disconnect(alice, DisconnectReason.SlowConsumer);

        Assert.Equal(LeaveReason.Released, harness.LastLeave(alice));
        Assert.Contains("OnLeft:alice:Released", harness.Room.Calls);
    }

    [Fact]
    public void Resume_WithinGrace_SamePlayerRotatedTokenAndFullSnapshot()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        harness.Input(alice, new Push(1));
        harness.Tick(3);
        string firstToken = alice.ResumeToken;
        harness.Disconnect(alice);
        harness.Advance(TimeSpan.FromSeconds(5));

        harness.Resume(alice);
        harness.Tick();

        Assert.NotEqual(firstToken, alice.ResumeToken);
        Assert.True(alice.Player.IsConnected);
        Assert.Contains("OnReconnected:alice", harness.Room.Calls);
        Assert.Equal(new Note("welcome back alice"), harness.SentTo(alice)[^1]);
        HarnessSnapshot<ITestOutput> snapshot = harness.LastSnapshotFor(alice);
        Assert.True(snapshot.IsFull);
        Assert.True(snapshot.Tick > 3);
        Assert.Equal(1u, snapshot.AckedInput);
        Assert.True(harness.Input(alice, new Push(1)));
        Assert.Equal(2u, alice.NextSequence - 1);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "294")]
    public void Resume_TokenReusedOrRotatedAway_Rejected()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        string first = alice.ResumeToken;
        harness.Disconnect(alice);
        harness.Resume(alice);
        string second = alice.ResumeToken;
        harness.Disconnect(alice);

        HarnessJoinResult reused = harness.TryResume(first);
        HarnessJoinResult unknown = harness.TryResume("AAAAAAAAAAAAAAAAAAAAAA");
        HarnessJoinResult current = harness.TryResume(second);
        HarnessJoinResult again = harness.TryResume(second);

        Assert.Equal("ResumeRejected", reused.Status);
        Assert.Equal("ResumeRejected", unknown.Status);
        Assert.True(current.Succeeded);
        Assert.Same(alice, current.Player);
        Assert.Equal("ResumeRejected", again.Status);
    }

    [Fact]
    public void Resume_OldConnectionStillOpen_OldClosedWith4004()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");

        harness.Resume(alice);

        Assert.Contains(CloseCodes.SeatTakenOver, alice.CloseCodes);
        Assert.Null(alice.CloseCode);
        Assert.True(alice.Player.IsConnected);
    }

    [Fact]
    public void Leave_Consented_SeatReleasedAndOthersNotified()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");

        harness.Leave(alice);

        Assert.Equal(LeaveReason.Consented, harness.LastLeave(alice));
        Assert.Equal(new Note("left alice"), harness.SentTo(bob)[^1]);
        Assert.Equal([bob.Player], harness.Room.Ctx.Players);
    }

    [Fact]
    public void Kick_FromOnTick_Closed4003AndOnLeftKicked()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        harness.Join("bob");
        harness.Room.KickOnNextTick = "alice";

        harness.Tick();

        Assert.Equal([alice], harness.Kicked);
        Assert.Equal((ushort)CloseCodes.Kicked, alice.CloseCode);
        Assert.Equal(LeaveReason.Kicked, harness.LastLeave(alice));
    }

    [Fact]
    public async Task Close_FromOnTick_AllClosed4002ThenOnClosingAsync()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");
        harness.Room.CloseOnNextTick = "round over";

        harness.Tick();
        await harness.RunClosingAsync().DefaultTimeout();

        Assert.True(harness.IsClosed);
        Assert.Equal((ushort)CloseCodes.RoomClosed, alice.CloseCode);
        Assert.Equal((ushort)CloseCodes.RoomClosed, bob.CloseCode);
        Assert.Equal(LeaveReason.RoomClosed, harness.LastLeave(bob));
        Assert.Equal(RoomCloseReason.Requested, harness.Room.ClosingReason);
        Assert.Equal("RoomClosed", harness.TryJoin("carol").Status);
    }

    [Fact]
    public void MaxEmptyTime_NoPlayers_RoomClosesAsEmpty()
    {
        using var harness = Create(o => o.MaxEmptyTime = TimeSpan.FromSeconds(3));
        HarnessPlayer alice = harness.Join("alice");
        harness.Advance(TimeSpan.FromSeconds(5));
        harness.Leave(alice);

        harness.Advance(TimeSpan.FromSeconds(2.5));
        bool openBeforeLimit = !harness.IsClosed;
        harness.Advance(TimeSpan.FromSeconds(1));

        Assert.True(openBeforeLimit);
        Assert.Equal(RoomCloseReason.Empty, harness.CloseReason);
    }

    [Fact]
    public void Publish_DefaultOnServerEvent_EventBroadcastToEveryone()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");
        HarnessPlayer bob = harness.Join("bob");

        bool queued = harness.Publish(new ServerEvent("double-points", new byte[] { 0x2a }));

        Assert.True(queued);
        Assert.Contains("OnServerEvent:double-points", harness.Room.Calls);
        HarnessEvent received = Assert.Single(harness.EventsTo(alice));
        Assert.Equal("double-points", received.Name);
        Assert.Null(received.Channel);
        Assert.Equal(new byte[] { 0x2a }, received.Data);
        Assert.Single(harness.EventsTo(bob));
    }

    [Fact]
    public void SetRoundTripTime_VisibleFromNextTick()
    {
        using var harness = Create();
        HarnessPlayer alice = harness.Join("alice");

        harness.SetRoundTripTime(alice, TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(5));
        TimeSpan beforeTick = alice.Player.RoundTripTime;
        harness.Tick();

        Assert.Equal(TimeSpan.Zero, beforeTick);
        Assert.Equal(TimeSpan.FromMilliseconds(80), harness.Room.LastRoundTripTime);
        Assert.Equal(TimeSpan.FromMilliseconds(5), alice.Player.Jitter);
    }

    [Fact]
    public void Spectator_GetsSnapshotsAndMessagesButNoSeatAndNoInputs()
    {
        using var harness = Create(o => o.MaxPlayers = 1);
        HarnessPlayer watcher = harness.JoinSpectator("watcher");
        HarnessPlayer alice = harness.Join("alice");

        harness.Input(watcher, new Push(50));
        harness.Input(alice, new Push(1));
        harness.Tick();

        Assert.True(watcher.Player.IsSpectator);
        Assert.Equal([alice.Player], harness.Room.Ctx.Players);
        Assert.Equal([watcher.Player], harness.Room.Ctx.Spectators);
        Assert.Equal(1, harness.Room.Total);
        Assert.Equal(1, Assert.IsType<CounterState>(harness.LastSnapshotFor(watcher).Body).Total);
        Assert.Contains(new Note("joined alice"), harness.SentTo(watcher));
    }
}
