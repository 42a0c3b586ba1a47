using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Rooms;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ArenaServer.Server.Tests.Rooms;

public sealed class RoomManagerTests : IDisposable
{
    private readonly ManualClock _clock = new();
    private readonly TickThreadPool _pool;
    private readonly RoomManager _manager;

    public RoomManagerTests()
    {
        _pool = new TickThreadPool(2, _clock, NullLogger.Instance);
        _manager = new RoomManager(_pool, _clock, NullLogger.Instance);
        _manager.Register<TestRoom, ITestInput, ITestOutput>("test", TestMessages.Inputs, TestMessages.Outputs,
            o =>
            {
                o.TickRate = 10;
                o.MaxPlayers = 1;
            });
    }

    public void Dispose() => _pool.Dispose();

    // The tick threads apply queued joins at the room's next tick: move the room clock until the answer arrives
    // (the room may not even be started by its thread yet).
    private async Task<SeatOutcome> JoinAsync(IRoomHandle room, string name, CapturingSink sink)
        => await TickUntilAsync(room.TryEnqueueJoin(JoinRequest.Anonymous(name), sink)).DefaultTimeout();

    private async Task<SeatOutcome> TickUntilAsync(Task<SeatOutcome> answer)
    {
        await UntilAsync(() => answer.IsCompleted);
        return await answer;
    }

    // The summary is published by the tick thread at the end of a tick, so the clock must keep moving. The real
    // tick threads poll the clock, so give them the CPU between steps (a spinning test starves them on 2 cores);
    // every caller bounds this with DefaultTimeout.
    private async Task UntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            _clock.Advance(TimeSpan.FromSeconds(0.1));
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }

    [Fact]
    public async Task TryJoinOrCreate_FirstRoomFull_SecondRoomCreated()
    {
        var sinks = new CapturingSink[] { new(), new() };

        Assert.True(_manager.TryJoinOrCreate("test", null, default, out IRoomHandle? first));
        SeatOutcome alice = await JoinAsync(first!, "alice", sinks[0]);
        await UntilAsync(() => first!.Info is { Players: 1 }).DefaultTimeout();

        Assert.True(_manager.TryJoinOrCreate("test", null, default, out IRoomHandle? second));
        SeatOutcome bob = await JoinAsync(second!, "bob", sinks[1]);

        Assert.Equal(SeatStatus.Joined, alice.Status);
        Assert.Equal(SeatStatus.Joined, bob.Status);
        Assert.NotEqual(first!.Id, second!.Id);
        Assert.Equal(2, _manager.List("test").Count);
        Assert.True(_manager.TryJoinOrCreate("test", first.Id, default, out IRoomHandle? byId));
        Assert.Same(first, byId);
        foreach (CapturingSink sink in sinks)
        {
            sink.ReleaseAll();
        }
    }

    [Fact]
    public void TryCreate_Private_NotListedNorPickedButJoinableById()
    {
        Assert.True(_manager.TryCreate("test", default, isPrivate: true, out IRoomHandle? hidden));

        Assert.True(_manager.TryJoinOrCreate("test", null, default, out IRoomHandle? picked));
        Assert.NotSame(hidden, picked);
        Assert.True(_manager.TryJoinOrCreate("test", hidden!.Id, default, out IRoomHandle? byId));
        Assert.Same(hidden, byId);
        Assert.DoesNotContain(_manager.List("test"), info => info.Id == hidden.Id);
        Assert.Equal(10, hidden.Id.Value.Length);
    }

    [Fact]
    public void TryJoinOrCreate_UnknownTypeOrWrongId_False()
    {
        Assert.False(_manager.TryJoinOrCreate("nope", null, default, out _));
        Assert.False(_manager.TryJoinOrCreate("test", new RoomId("missing"), default, out _));
        Assert.False(_manager.IsRegistered("nope"));
    }

    [Fact]
    public async Task TryFindForResume_AfterJoin_FindsRoomUntilTokenUsed()
    {
        var sink = new CapturingSink();
        Assert.True(_manager.TryCreate("test", default, isPrivate: false, out IRoomHandle? room));
        SeatOutcome joined = await JoinAsync(room!, "alice", sink);
        string token = joined.ResumeToken!;

        bool found = _manager.TryFindForResume(token, out IRoomHandle? owner);
        SeatOutcome outcome = await TickUntilAsync(owner!.TryEnqueueResume(token, sink)).DefaultTimeout();

        Assert.True(found);
        Assert.Same(room, owner);
        Assert.Equal(SeatStatus.Resumed, outcome.Status);
        Assert.False(_manager.TryFindForResume(token, out _));
        Assert.True(_manager.TryFindForResume(outcome.ResumeToken!, out _));
        sink.ReleaseAll();
    }

    [Fact]
    public void Register_SameNameTwice_Throws()
        => Assert.Throws<ArgumentException>(() =>
            _manager.Register<TestRoom, ITestInput, ITestOutput>("test", TestMessages.Inputs, TestMessages.Outputs));
}
