using System.Buffers;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.MessagePack;
using ArenaServer.Protocol;
using ArenaServer.Server.Rooms;
using ArenaServer.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ArenaServer.Server.Tests.Rooms;

/// <summary>The per-recipient snapshot frame shares the body instead of copying it (ARCHITECTURE.md §9), with the same
/// bytes the copying sink produced: the envelope written whole and framed as one message.</summary>
public sealed class SnapshotFrameOutputTests
{
    internal static OutboundFrame MessagePackBody(ITestOutput message, out byte tag)
    {
        OutboundFrameWriter output = OutboundFrame.Rent(WebSocketMessageType.Binary);
        var writer = new MessagePackWriter(output);
        tag = TestMessages.Outputs.Write(message, ref writer);
        writer.Flush();
        return output.Complete();
    }

    internal static OutboundFrame JsonBody(OutboundFrame messagePack)
    {
        OutboundFrameWriter output = OutboundFrame.Rent(WebSocketMessageType.Text);
        Assert.Equal(JsonTranscodeStatus.Success,
            JsonTranscoder.TranscodeToJson(new ReadOnlySequence<byte>(messagePack.Payload), output));
        return output.Complete();
    }

    // What the sink sent before the body was shared: the whole envelope copied into one frame.
    internal static byte[] CopiedFrame(SnapshotFrame snapshot)
    {
        var envelope = new ArrayBufferWriter<byte>();
        snapshot.WriteEnvelope(envelope);
        OutboundFrame frame = OutboundFrame.Create(snapshot.IsJson ? WebSocketMessageType.Text : WebSocketMessageType.Binary,
            envelope.WrittenSpan);
        byte[] bytes = frame.Memory.ToArray();
        frame.Release();
        return bytes;
    }

    internal static byte[] Written(OutboundFrame frame)
    {
        var output = new ArrayBufferWriter<byte>();
        frame.WriteTo(output);
        return output.WrittenSpan.ToArray();
    }

    [Theory]
    [InlineData(1L, 0u, false)]
    [InlineData(127L, 127u, false)]
    [InlineData(128L, 128u, false)]
    [InlineData(70_000L, 65_536u, false)]
    [InlineData(long.MaxValue, uint.MaxValue, false)]
    [InlineData(1L, 0u, true)]
    [InlineData(70_000L, 65_536u, true)]
    [InlineData(long.MaxValue, uint.MaxValue, true)]
    public void ToWireFrame_AnyTickAndAck_SameBytesAsTheCopiedEnvelope(long tick, uint ack, bool json)
    {
        OutboundFrame body = MessagePackBody(new CounterState(tick, 5, 8, 3), out byte tag);
        if (json)
        {
            OutboundFrame text = JsonBody(body);
            body.Release();
            body = text;
        }

        var snapshot = new SnapshotFrame(body, tick, ack, tag, IsFull: true, IsJson: json);
        byte[] expected = CopiedFrame(snapshot);

        OutboundFrame wire = snapshot.ToWireFrame();

        Assert.Equal(expected, Written(wire));
        Assert.Equal(expected.Length, wire.Length);
        Assert.Equal(json ? (byte)0x81 : (byte)0x82, expected[0]);
        wire.Release();
    }

    [Fact]
    public void ToWireFrame_BodyLargerThan64KiB_OneFrameWithA64BitLength()
    {
        OutboundFrame body = MessagePackBody(new Note(new string('x', 70_000)), out byte tag);
        var snapshot = new SnapshotFrame(body, 9, 4, tag, IsFull: true);
        byte[] expected = CopiedFrame(snapshot);

        OutboundFrame wire = snapshot.ToWireFrame();

        Assert.Equal(expected, Written(wire));
        Assert.Equal(127, expected[1]);
        wire.Release();
    }

    [Fact]
    public void ToWireFrame_ManyRecipients_BodySharedAndReleasedWithTheLastFrame()
    {
        OutboundFrame body = MessagePackBody(new Note("shared"), out byte tag);
        body.AddReference(2);
        OutboundFrame[] frames = [.. Enumerable.Range(0, 3).Select(i => new SnapshotFrame(body, 5, (uint)i, tag, true).ToWireFrame())];
        byte[][] bytes = [.. frames.Select(Written)];

        frames[0].Release();
        frames[1].Release();
        Assert.False(body.Payload.IsEmpty); // the third recipient still holds the body
        Assert.NotEqual(bytes[0], bytes[1]); // only the ack in the prefix differs
        Assert.Equal(bytes[0].Length, bytes[2].Length);
        frames[2].Release();

        Assert.Throws<ObjectDisposedException>(() => body.Payload);
    }

    [Fact]
    public async Task RunTick_JsonAndMessagePackRecipients_OneBodyPerEncodingAndWireBytesMatchTheCopiedEnvelope()
    {
        var host = new RoomHost<QuietRoom, ITestInput, ITestOutput>(new RoomId("mixed"), new RoomCreateArgs("test", default),
            new QuietRoom(), TestMessages.Outputs, new RoomOptions(), new ManualClock(), 1, NullLogger.Instance);
        host.Start();
        CapturingSink[] sinks = [new(), new(), new() { PrefersJson = true }, new() { PrefersJson = true }];
        foreach (CapturingSink sink in sinks)
        {
            Task<SeatOutcome> joined = host.TryEnqueueJoin(JoinRequest.Anonymous("p"), sink);
            host.ApplyCommandsNow();
            Assert.True((await joined.DefaultTimeout()).IsSeated);
        }

        host.RunTick();

        SnapshotFrame[] snapshots = [.. sinks.Select(sink => sink.Snapshots.Single())];
        Assert.Same(snapshots[0].Body, snapshots[1].Body);
        Assert.Same(snapshots[2].Body, snapshots[3].Body); // transcoded once per room, not per recipient
        Assert.NotSame(snapshots[0].Body, snapshots[2].Body);
        Assert.Equal("[66,1,0,2,[\"steady\"]]"u8.ToArray(), CopiedFrame(snapshots[2])[2..]);
        foreach (SnapshotFrame snapshot in snapshots)
        {
            byte[] expected = CopiedFrame(snapshot);
            OutboundFrame wire = snapshot.ToWireFrame(); // takes over the sink's reference
            Assert.Equal(expected, Written(wire));
            wire.Release();
        }

        foreach (CapturingSink sink in sinks)
        {
            sink.Snapshots.Clear();
            sink.ReleaseAll();
        }
    }
}
