using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Rooms;
using ArenaServer.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ArenaServer.Server.Tests.Rooms;

public sealed class RoomHostOutputTests
{
    private static RoomHost<TestRoom, ITestInput, ITestOutput> CreateHost(ManualClock clock)
    {
        var host = new RoomHost<TestRoom, ITestInput, ITestOutput>(new RoomId("r1"), new RoomCreateArgs("test", default),
            new TestRoom(), TestMessages.Outputs, new RoomOptions { TickRate = 10 }, clock, 1, NullLogger.Instance);
        host.Start();
        return host;
    }

    private static async Task<Player> JoinAsync(RoomHost<TestRoom, ITestInput, ITestOutput> host, string name, CapturingSink sink)
    {
        Task<SeatOutcome> joined = host.TryEnqueueJoin(JoinRequest.Anonymous(name), sink);
        host.ApplyCommandsNow();
        Assert.True(joined.IsCompleted);
        return (await joined.DefaultTimeout()).Player!;
    }

    [Fact]
    public async Task Broadcast_ThreeRecipients_OneFrameSharedWithOneReferenceEach()
    {
        var clock = new ManualClock();
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost(clock);
        CapturingSink[] sinks = [new(), new(), new()];
        await JoinAsync(host, "a", sinks[0]);
        await JoinAsync(host, "b", sinks[1]);
        await JoinAsync(host, "c", sinks[2]);
        foreach (CapturingSink sink in sinks)
        {
            sink.ReleaseAll();
        }

        host.Room.Ctx.Broadcast(new Note("hello"));
        host.RunTick();

        OutboundFrame frame = sinks[0].Frames.Single();
        Assert.Same(frame, sinks[1].Frames.Single());
        Assert.Same(frame, sinks[2].Frames.Single());
        OutboundFrame body = sinks[0].Snapshots.Single().Body;
        Assert.Same(body, sinks[2].Snapshots.Single().Body);

        // The host kept no reference: the frames live exactly as long as the three recipients hold theirs.
        sinks[0].ReleaseAll();
        sinks[1].ReleaseAll();
        Assert.False(frame.Memory.IsEmpty);
        Assert.False(body.Memory.IsEmpty);
        sinks[2].ReleaseAll();
        Assert.Throws<ObjectDisposedException>(() => frame.Memory);
        Assert.Throws<ObjectDisposedException>(() => body.Memory);
    }

    [Fact]
    public async Task Send_DeferredUntilHookReturns_NothingSentBeforeFlush()
    {
        var clock = new ManualClock();
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost(clock);
        var sink = new CapturingSink();
        Player alice = await JoinAsync(host, "alice", sink);
        sink.ReleaseAll();

        // Outside a hook the context only records the send; the host applies it after the next hook.
        host.Room.Ctx.Send(alice, new Note("later"));
        int beforeTick = sink.Frames.Count;
        host.RunTick();

        Assert.Equal(0, beforeTick);
        Assert.Single(sink.Frames);
        sink.ReleaseAll();
    }

    [Fact]
    public async Task Send_SinkRefuses_FrameReleasedAndCounted()
    {
        var clock = new ManualClock();
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost(clock);
        var sink = new CapturingSink();
        Player alice = await JoinAsync(host, "alice", sink);
        sink.ReleaseAll();
        sink.NextResult = SinkResult.QueueFull;

        host.Room.Ctx.Send(alice, new Note("x"));
        host.RunTick();

        Assert.Equal(2, host.SendsDropped);
        Assert.Empty(sink.Frames);
    }

    [Fact]
    public async Task Disconnect_FromReplacedConnection_Ignored()
    {
        var clock = new ManualClock();
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost(clock);
        var first = new CapturingSink();
        Player alice = await JoinAsync(host, "alice", first);
        Task<SeatOutcome> joined = host.TryEnqueueJoin(JoinRequest.Anonymous("bob"), new CapturingSink());
        host.ApplyCommandsNow();
        string token = host.Room.Ctx.Players.Count == 2 ? ReadToken(first) : throw new InvalidOperationException();
        var second = new CapturingSink();

        Task<SeatOutcome> resumed = host.TryEnqueueResume(token, second);
        host.ApplyCommandsNow();
        host.TryEnqueueDisconnect(alice, first, DisconnectReason.ConnectionLost);
        host.ApplyCommandsNow();

        Assert.Equal(SeatStatus.Resumed, (await resumed.DefaultTimeout()).Status);
        Assert.Equal(Protocol.CloseCodes.SeatTakenOver, first.ClosedWith);
        Assert.True(alice.IsConnected);
        Assert.True((await joined.DefaultTimeout()).IsSeated);
        first.ReleaseAll();
        second.ReleaseAll();
    }

    private static string ReadToken(CapturingSink sink)
    {
        ReadOnlyMemory<byte> memory = sink.Frames[0].Memory;
        var payload = new System.Buffers.ReadOnlySequence<byte>(memory[(memory.Length - sink.Frames[0].PayloadLength)..]);
        Assert.Equal(Protocol.EnvelopeStatus.Success, Protocol.EnvelopeReader.ReadFromServer(payload, null, out Protocol.Envelope envelope));
        var reader = new MessagePack.MessagePackReader(envelope.ResumeToken);
        Assert.True(reader.TryReadString(out string? token));
        return token!;
    }

    [Fact]
    public async Task Broadcast_JsonAndBinaryRecipients_OneFramePerSubprotocol()
    {
        var clock = new ManualClock();
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost(clock);
        CapturingSink binary = new();
        CapturingSink[] json = [new() { PrefersJson = true }, new() { PrefersJson = true }];
        await JoinAsync(host, "bin", binary);
        await JoinAsync(host, "j1", json[0]);
        await JoinAsync(host, "j2", json[1]);
        string joinedJson = System.Text.Encoding.UTF8.GetString(Payload(json[0].Frames[0]));
        binary.ReleaseAll();
        json[0].ReleaseAll();
        json[1].ReleaseAll();

        host.Room.Ctx.Broadcast(new Note("hi"));
        host.RunTick();

        OutboundFrame textFrame = json[0].Frames.Single();
        Assert.Same(textFrame, json[1].Frames.Single());
        Assert.NotSame(textFrame, binary.Frames.Single());
        Assert.Equal("[67,2,[\"hi\"]]", System.Text.Encoding.UTF8.GetString(Payload(textFrame)));
        Assert.StartsWith("[64,2,\"r1\",\"", joinedJson, StringComparison.Ordinal);
        SnapshotFrame snapshot = json[1].Snapshots.Single();
        Assert.True(snapshot.IsJson);
        Assert.Same(snapshot.Body, json[0].Snapshots.Single().Body);
        var envelope = new System.Buffers.ArrayBufferWriter<byte>();
        snapshot.WriteEnvelope(envelope);
        Assert.Matches(@"^\[66,1,0,1,\[1,0,3,\d+\]\]$", System.Text.Encoding.UTF8.GetString(envelope.WrittenSpan));
        binary.ReleaseAll();
        json[0].ReleaseAll();
        json[1].ReleaseAll();
    }

    private static byte[] Payload(OutboundFrame frame)
    {
        ReadOnlyMemory<byte> memory = frame.Memory;
        return memory[(memory.Length - frame.PayloadLength)..].ToArray();
    }
}
