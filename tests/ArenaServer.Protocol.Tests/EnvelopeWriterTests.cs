using System.Buffers;
using System.Text;
using System.Text.Json;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Tests;

public sealed class EnvelopeWriterTests
{
    private delegate void WriteAction(ref MessagePackWriter writer);

    [Fact]
    public void WriteClientKinds_MatchTheirVectors()
    {
        AssertWrites("arena-join-any-room", (ref MessagePackWriter w) => EnvelopeWriter.WriteJoin(ref w, "arena", RoomIdValue.None, default));
        AssertWrites("arena-join-room-integer", (ref MessagePackWriter w) => EnvelopeWriter.WriteJoin(ref w, "arena", RoomIdValue.FromNumber(42), default));
        AssertWrites("arena-join-room-string", (ref MessagePackWriter w) => EnvelopeWriter.WriteJoin(ref w, "arena",
            RoomIdValue.FromText("r-7f3a"), Convert.FromHexString("82a36d6170a464757374a47465616da3726564")));
        AssertWrites("arena-join-nil-room-options", (ref MessagePackWriter w) => EnvelopeWriter.WriteJoin(ref w, "arena",
            RoomIdValue.None, Convert.FromHexString("81a47465616da4626c7565")));
        AssertWrites("arena-resume-string-token", (ref MessagePackWriter w) =>
            EnvelopeWriter.WriteResume(ref w, Convert.FromHexString("b671335a623163304838784a6d32503472543977596b41"), 1200));
        AssertWrites("arena-input-move", (ref MessagePackWriter w) =>
        {
            EnvelopeWriter.WriteInputHeader(ref w, 7, 5, 1);
            w.WriteArrayHeader(2);
            w.Write((sbyte)1);
            w.Write((sbyte)0);
        });
        AssertWrites("arena-leave", (ref MessagePackWriter w) => EnvelopeWriter.WriteLeave(ref w));
        AssertWrites("arena-subscribe", (ref MessagePackWriter w) => EnvelopeWriter.WriteSubscription(ref w, true, "lobby"));
        AssertWrites("arena-unsubscribe", (ref MessagePackWriter w) => EnvelopeWriter.WriteSubscription(ref w, false, "lobby"));
        AssertWrites("arena-ping", (ref MessagePackWriter w) => EnvelopeWriter.WritePing(ref w, 1767225600123));
    }

    [Fact]
    public void WriteServerKinds_MatchTheirVectors()
    {
        AssertWrites("arena-joined", (ref MessagePackWriter w) =>
            EnvelopeWriter.WriteJoined(ref w, 3, RoomIdValue.FromText("r-7f3a"), "q3Zb1c0H8xJm2P4rT9wYkA", 30, 1200));
        AssertWrites("arena-joined-integer-room", (ref MessagePackWriter w) =>
            EnvelopeWriter.WriteJoined(ref w, 1, RoomIdValue.FromNumber(42), "GkT0o9w8C1mQ2sZx7Yb3Vg", 60, 0));
        AssertWrites("arena-resumed", (ref MessagePackWriter w) =>
            EnvelopeWriter.WriteResumed(ref w, 3, RoomIdValue.FromText("r-7f3a"), "Wd7Pq0s1Lm3Xy8Zr2Tb6Na", 1260));
        AssertWrites("arena-snapshot-before-input", (ref MessagePackWriter w) =>
        {
            EnvelopeWriter.WriteSnapshotHeader(ref w, 1200, 0, 1);
            w.WriteRaw(Convert.FromHexString("9190"));
        });
        AssertWrites("arena-message", (ref MessagePackWriter w) =>
        {
            EnvelopeWriter.WriteMessageHeader(ref w, 2);
            w.WriteRaw(Convert.FromHexString("920419"));
        });
        AssertWrites("arena-event-channel", (ref MessagePackWriter w) => EnvelopeWriter.WriteEvent(ref w, "lobby", "rooms.changed",
            Convert.FromHexString("9182a26964a6722d37663361a7706c617965727302")));
        AssertWrites("arena-latency", (ref MessagePackWriter w) =>
            EnvelopeWriter.WriteLatency(ref w, TimeSpan.FromMicroseconds(23500), TimeSpan.FromMicroseconds(1800)));
        AssertWrites("arena-pong", (ref MessagePackWriter w) => EnvelopeWriter.WritePong(ref w, 1767225600123, 1767225600150, 1205));
        AssertWrites("arena-redirect", (ref MessagePackWriter w) =>
            EnvelopeWriter.WriteRedirect(ref w, "ws://10.0.0.2:8080/ws", "rsv_5f2c9e0d4b7a"));
        AssertWrites("arena-error", (ref MessagePackWriter w) => EnvelopeWriter.WriteError(ref w, ErrorCodes.JoinRejected, "room is full"));
    }

    [Fact]
    public void WriteSnapshotPrefixJson_PlusBodyJson_EqualsTheWholeSnapshotInJson()
    {
        GoldenVector vector = GoldenVector.Named("arena-snapshot");
        EnvelopeReader.ReadFromServer(new ReadOnlySequence<byte>(vector.Bytes), null, out Envelope snapshot);
        var output = new ArrayBufferWriter<byte>();

        EnvelopeWriter.WriteSnapshotPrefixJson(output, snapshot.ServerTick, snapshot.AckedInputSequence, snapshot.Tag);
        Assert.Equal(JsonTranscodeStatus.Success, JsonTranscoder.TranscodeToJson(snapshot.Body, output));
        output.Write(EnvelopeWriter.JsonEnvelopeSuffix);

        using JsonDocument expected = JsonDocument.Parse(vector.Json);
        using JsonDocument actual = JsonDocument.Parse(output.WrittenMemory);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, actual.RootElement), Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.StartsWith("[66,1201,7,1,", Encoding.UTF8.GetString(output.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteInputHeader_Tag128_Throws()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var writer = new MessagePackWriter(output);
            EnvelopeWriter.WriteInputHeader(ref writer, 1, 0, 128);
        });
    }

    private static void AssertWrites(string vectorName, WriteAction write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        write(ref writer);
        writer.Flush();

        Assert.Equal(Convert.ToHexStringLower(GoldenVector.Named(vectorName).Bytes), Convert.ToHexStringLower(output.WrittenSpan));
    }
}
