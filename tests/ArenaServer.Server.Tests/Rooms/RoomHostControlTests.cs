using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Rooms;
using ArenaServer.Testing.Harness;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ArenaServer.Server.Tests.Rooms;

public sealed class RoomHostControlTests
{
    private static RoomHost<TestRoom, ITestInput, ITestOutput> CreateHost(RoomOptions options, bool isPrivate = false)
    {
        var host = new RoomHost<TestRoom, ITestInput, ITestOutput>(new RoomId("r1"), new RoomCreateArgs("test", default, isPrivate),
            new TestRoom(), TestMessages.Outputs, options, new ManualClock(), 1, NullLogger.Instance);
        host.Start();
        return host;
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public async Task TryEnqueueJoin_ControlQueueFull_RoomBusyAtOnce()
    {
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost(new RoomOptions { ControlQueueCapacity = 2 });
        var sink = new CapturingSink();

        Task<SeatOutcome> first = host.TryEnqueueJoin(JoinRequest.Anonymous("a"), sink);
        Task<SeatOutcome> second = host.TryEnqueueJoin(JoinRequest.Anonymous("b"), sink);
        Task<SeatOutcome> third = host.TryEnqueueJoin(JoinRequest.Anonymous("c"), sink);
        bool published = host.TryEnqueueServerEvent(new ServerEvent("e", default));

        Assert.Equal(SeatStatus.RoomBusy, (await third.DefaultTimeout()).Status);
        Assert.False(published);
        Assert.False(first.IsCompleted);
        host.ApplyCommandsNow();
        Assert.Equal(SeatStatus.Joined, (await first.DefaultTimeout()).Status);
        Assert.Equal(SeatStatus.Joined, (await second.DefaultTimeout()).Status);
        sink.ReleaseAll();
    }

    [Fact]
    public async Task Info_AfterJoinAndLock_PublishedSummary()
    {
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost(new RoomOptions { MaxPlayers = 2 }, isPrivate: true);
        var sink = new CapturingSink();
        RoomInfo? initial = host.Info;

        Task<SeatOutcome> joined = host.TryEnqueueJoin(JoinRequest.Anonymous("a"), sink);
        host.Room.Ctx.SetLocked(true);
        host.ApplyCommandsNow();

        await joined.DefaultTimeout();
        Assert.NotNull(initial);
        Assert.Equal(0, initial.Players);
        RoomInfo info = Assert.IsType<RoomInfo>(host.Info);
        Assert.Equal("Locked", (await joined).Status.ToString());
        Assert.True(info.IsLocked);
        Assert.True(info.IsPrivate);
        Assert.False(info.HasFreeSeat);
        Assert.Equal("test", info.RoomType);
        sink.ReleaseAll();
    }

    [Fact]
    public void Disconnect_ZeroGracePeriod_ReleasedAtOnce()
    {
        using var harness = RoomHarness.Create<TestRoom, ITestInput, ITestOutput>(TestMessages.Inputs, TestMessages.Outputs,
            o => o.ReconnectGracePeriod = TimeSpan.Zero);
        HarnessPlayer alice = harness.Join("alice");

        harness.Disconnect(alice);

        Assert.Equal(LeaveReason.Released, harness.LastLeave(alice));
    }

    [Fact]
    public void SnapshotFrame_WriteEnvelope_MatchesEnvelopeWriterOutput()
    {
        using var harness = RoomHarness.Create<TestRoom, ITestInput, ITestOutput>(TestMessages.Inputs, TestMessages.Outputs);
        HarnessPlayer alice = harness.Join("alice");
        harness.Input(alice, new Push(300));

        harness.Tick();

        HarnessSnapshot<ITestOutput> snapshot = harness.LastSnapshotFor(alice);
        var expected = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePack.MessagePackWriter(expected);
        Protocol.EnvelopeWriter.WriteSnapshotHeader(ref writer, 1, 1, 1);
        TestMessages.Outputs.Write(snapshot.Body, ref writer);
        writer.Flush();
        Assert.Equal(expected.WrittenSpan.ToArray(), snapshot.Envelope);
    }
}
