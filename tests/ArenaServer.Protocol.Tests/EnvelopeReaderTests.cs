using System.Buffers;
using ArenaServer.MessagePack;
using ArenaServer.Tests;

namespace ArenaServer.Protocol.Tests;

public sealed class EnvelopeReaderTests
{
    public static TheoryData<string> EnvelopeVectors => GoldenVector.Names("envelopes.json");

    [Theory]
    [MemberData(nameof(EnvelopeVectors))]
    public void Read_EnvelopeVector_SucceedsInItsDirectionOnly(string name)
    {
        GoldenVector vector = GoldenVector.Named(name);
        var message = new ReadOnlySequence<byte>(vector.Bytes);
        bool fromClient = vector.Bytes[1] < EnvelopeKinds.FirstServerKind;

        EnvelopeStatus own = fromClient
            ? EnvelopeReader.ReadFromClient(message, null, out Envelope envelope)
            : EnvelopeReader.ReadFromServer(message, null, out envelope);
        EnvelopeStatus other = fromClient
            ? EnvelopeReader.ReadFromServer(message, null, out _)
            : EnvelopeReader.ReadFromClient(message, null, out _);

        Assert.Equal(EnvelopeStatus.Success, own);
        Assert.Equal((EnvelopeKind)vector.Bytes[1], envelope.Kind);
        Assert.Equal(EnvelopeStatus.UnknownKind, other);
    }

    [Theory]
    [MemberData(nameof(EnvelopeVectors))]
    public void Read_EveryStrictPrefix_NeedMoreData(string name)
    {
        GoldenVector vector = GoldenVector.Named(name);
        for (int length = 0; length < vector.Bytes.Length; length++)
        {
            var prefix = new ReadOnlySequence<byte>(vector.Bytes, 0, length);
            Assert.Equal(EnvelopeStatus.NeedMoreData, ReadEither(prefix, vector, out _));
        }
    }

    [Theory]
    [MemberData(nameof(EnvelopeVectors))]
    public void Read_EveryTwoSegmentSplit_SameAsWhole(string name)
    {
        GoldenVector vector = GoldenVector.Named(name);
        ReadEither(new ReadOnlySequence<byte>(vector.Bytes), vector, out Envelope whole);
        for (int cut = 1; cut < vector.Bytes.Length; cut++)
        {
            Assert.Equal(EnvelopeStatus.Success, ReadEither(TestSequence.Split(vector.Bytes, cut), vector, out Envelope split));
            AssertSameFields(whole, split);
        }

        Assert.Equal(EnvelopeStatus.Success, ReadEither(TestSequence.OneBytePerSegment(vector.Bytes), vector, out Envelope bytewise));
        AssertSameFields(whole, bytewise);
    }

    [Fact]
    public void ReadFromClient_ArenaInputMove_ReadsEveryField()
    {
        EnvelopeStatus status = ReadClient("arena-input-move", out Envelope envelope);

        Assert.Equal(EnvelopeStatus.Success, status);
        Assert.Equal(EnvelopeKind.Input, envelope.Kind);
        Assert.Equal(7u, envelope.Sequence);
        Assert.Equal(5, envelope.LastSnapshotTick);
        Assert.Equal(1, envelope.Tag);
        Assert.Equal("920100", Convert.ToHexStringLower(envelope.Body.ToArray()));
    }

    [Fact]
    public void ReadFromClient_TrailingFields_SkippedAndBodyKept()
    {
        EnvelopeStatus status = ReadClient("arena-input-trailing-fields", out Envelope envelope);

        Assert.Equal(EnvelopeStatus.Success, status);
        Assert.Equal(9u, envelope.Sequence);
        Assert.Equal("93010063", Convert.ToHexStringLower(envelope.Body.ToArray()));
    }

    [Fact]
    public void ReadFromClient_MaxSequence_ReadsUInt32Max()
    {
        Assert.Equal(EnvelopeStatus.Success, ReadClient("arena-input-max-seq", out Envelope envelope));
        Assert.Equal(uint.MaxValue, envelope.Sequence);
        Assert.Equal(70000, envelope.LastSnapshotTick);
        Assert.Equal(2, envelope.Tag);
    }

    [Fact]
    public void ReadFromClient_Joins_ReadRoomTypeIdAndOptions()
    {
        Assert.Equal(EnvelopeStatus.Success, ReadClient("arena-join-any-room", out Envelope any));
        Assert.Equal("arena", any.RoomType);
        Assert.False(any.RoomId.IsPresent);
        Assert.True(any.Body.IsEmpty);

        Assert.Equal(EnvelopeStatus.Success, ReadClient("arena-join-room-string", out Envelope byText));
        Assert.Equal(RoomIdValue.FromText("r-7f3a"), byText.RoomId);
        Assert.Equal(0x82, byText.Body.FirstSpan[0]);

        Assert.Equal(EnvelopeStatus.Success, ReadClient("arena-join-room-integer", out Envelope byNumber));
        Assert.Equal(RoomIdValue.FromNumber(42), byNumber.RoomId);

        Assert.Equal(EnvelopeStatus.Success, ReadClient("arena-join-nil-room-options", out Envelope nilRoom));
        Assert.False(nilRoom.RoomId.IsPresent);
        Assert.False(nilRoom.Body.IsEmpty);
    }

    [Fact]
    public void ReadFromClient_ResumeTokens_KeptAsEncodedValues()
    {
        Assert.Equal(EnvelopeStatus.Success, ReadClient("arena-resume-string-token", out Envelope text));
        Assert.Equal(0xb6, text.ResumeToken.FirstSpan[0]); // fixstr of 22 bytes, echoed byte for byte
        Assert.Equal(1200, text.LastSnapshotTick);

        Assert.Equal(EnvelopeStatus.Success, ReadClient("arena-resume-bin-token", out Envelope bin));
        Assert.Equal(0xc4, bin.ResumeToken.FirstSpan[0]);
        Assert.Equal(18, bin.ResumeToken.Length);
    }

    [Fact]
    public void ReadFromClient_PingSubscribeLeave_ReadTheirFields()
    {
        Assert.Equal(EnvelopeStatus.Success, ReadClient("arena-ping", out Envelope ping));
        Assert.Equal(1767225600123, ping.ClientTimeMs);
        Assert.Equal(EnvelopeStatus.Success, ReadClient("arena-subscribe", out Envelope subscribe));
        Assert.Equal("lobby", subscribe.Channel);
        Assert.Equal(EnvelopeStatus.Success, ReadClient("arena-unsubscribe", out Envelope unsubscribe));
        Assert.Equal(EnvelopeKind.Unsubscribe, unsubscribe.Kind);
        Assert.Equal(EnvelopeStatus.Success, ReadClient("arena-leave", out Envelope leave));
        Assert.Equal(EnvelopeKind.Leave, leave.Kind);
    }

    [Fact]
    public void ReadFromServer_ServerKinds_ReadTheirFields()
    {
        Assert.Equal(EnvelopeStatus.Success, ReadServer("arena-joined", out Envelope joined));
        Assert.Equal((3, "r-7f3a", 30, 1200L), (joined.PlayerId, joined.RoomId.Text, joined.TickRate, joined.ServerTick));
        Assert.Equal(EnvelopeStatus.Success, ReadServer("arena-resumed", out Envelope resumed));
        Assert.Equal((3, 1260L), (resumed.PlayerId, resumed.ServerTick));
        Assert.Equal(EnvelopeStatus.Success, ReadServer("arena-snapshot", out Envelope snapshot));
        Assert.Equal((1201L, 7u, (byte)1), (snapshot.ServerTick, snapshot.AckedInputSequence, snapshot.Tag));
        Assert.Equal(EnvelopeStatus.Success, ReadServer("arena-message", out Envelope message));
        Assert.Equal("920419", Convert.ToHexStringLower(message.Body.ToArray()));
        Assert.Equal(EnvelopeStatus.Success, ReadServer("arena-event-room", out Envelope roomEvent));
        Assert.Null(roomEvent.Channel);
        Assert.Equal("announcement", roomEvent.EventName);
        Assert.Equal(EnvelopeStatus.Success, ReadServer("arena-event-channel", out Envelope channelEvent));
        Assert.Equal("lobby", channelEvent.Channel);
        Assert.Equal(EnvelopeStatus.Success, ReadServer("arena-latency", out Envelope latency));
        Assert.Equal((23500L, 1800L), (latency.RttMicros, latency.JitterMicros));
        Assert.Equal(EnvelopeStatus.Success, ReadServer("arena-pong", out Envelope pong));
        Assert.Equal((1767225600123L, 1767225600150L, 1205L), (pong.ClientTimeMs, pong.ServerTimeMs, pong.ServerTick));
        Assert.Equal(EnvelopeStatus.Success, ReadServer("arena-redirect", out Envelope redirect));
        Assert.Equal(("ws://10.0.0.2:8080/ws", "rsv_5f2c9e0d4b7a"), (redirect.Url, redirect.Reservation));
        Assert.Equal(EnvelopeStatus.Success, ReadServer("arena-error", out Envelope error));
        Assert.Equal((ErrorCodes.JoinRejected, "room is full"), (error.ErrorCode, error.ErrorMessage));
    }

    [Theory, Trait("Category", "Security"), Trait("CWE", "20")]
    [InlineData("c0", EnvelopeStatus.NotAnArray)]
    [InlineData("03", EnvelopeStatus.NotAnArray)]
    [InlineData("81a16b01", EnvelopeStatus.NotAnArray)]
    [InlineData("90", EnvelopeStatus.NotAnArray)]
    [InlineData("c1", EnvelopeStatus.Malformed)]
    [InlineData("91c1", EnvelopeStatus.Malformed)]
    [InlineData("91a133", EnvelopeStatus.InvalidKind)]            // kind "3": wrong type
    [InlineData("91cb4008000000000000", EnvelopeStatus.InvalidKind)] // kind 3.0
    [InlineData("91c0", EnvelopeStatus.InvalidKind)]
    [InlineData("91cc80", EnvelopeStatus.InvalidKind)]            // kind 128
    [InlineData("91ccff", EnvelopeStatus.InvalidKind)]            // kind 255
    [InlineData("91ff", EnvelopeStatus.InvalidKind)]              // kind −1
    [InlineData("91cfffffffffffffffff", EnvelopeStatus.InvalidKind)] // kind 2^64 − 1
    [InlineData("9108", EnvelopeStatus.UnknownKind)]
    [InlineData("9100", EnvelopeStatus.UnknownKind)]
    [InlineData("917f", EnvelopeStatus.UnknownKind)]
    [InlineData("9140", EnvelopeStatus.UnknownKind)]              // a server kind from a client
    [InlineData("9103", EnvelopeStatus.MissingField)]             // [3]
    [InlineData("920307", EnvelopeStatus.MissingField)]           // [3, 7]: no tick, tag, body
    [InlineData("9403070501", EnvelopeStatus.MissingField)]       // [3, 7, 5, 1]: no body
    [InlineData("9101", EnvelopeStatus.MissingField)]             // [1]: no room type
    [InlineData("9102", EnvelopeStatus.MissingField)]
    [InlineData("9105", EnvelopeStatus.MissingField)]
    [InlineData("9107", EnvelopeStatus.MissingField)]
    [InlineData("9503ff0501920100", EnvelopeStatus.InvalidField)]   // seq −1
    [InlineData("9503cf00000001000000000501920100", EnvelopeStatus.InvalidField)] // seq 2^32
    [InlineData("950307ff01920100", EnvelopeStatus.InvalidField)]   // lastSnapshotTick −1
    [InlineData("9503070580920100", EnvelopeStatus.InvalidField)]   // tag {} (fixmap)
    [InlineData("95030705cc80920100", EnvelopeStatus.InvalidField)] // tag 128
    [InlineData("95030705a131920100", EnvelopeStatus.InvalidField)] // tag "1"
    [InlineData("920101", EnvelopeStatus.InvalidField)]             // Join with roomType 1
    [InlineData("9301a1619101", EnvelopeStatus.InvalidField)]       // Join with roomId [1]
    [InlineData("93020001", EnvelopeStatus.InvalidField)]           // Resume with token 0
    [InlineData("9205c0", EnvelopeStatus.InvalidField)]             // Subscribe nil
    [InlineData("9207a131", EnvelopeStatus.InvalidField)]           // Ping "1"
    [InlineData("9205a2c328", EnvelopeStatus.Malformed)]            // Subscribe with ill-formed UTF-8
    [InlineData("910400", EnvelopeStatus.TrailingBytes)]            // [4] then 0
    [InlineData("9503070501920100c0", EnvelopeStatus.TrailingBytes)]
    public void ReadFromClient_HostileInput_Classified(string hex, EnvelopeStatus expected)
    {
        EnvelopeStatus status = EnvelopeReader.ReadFromClient(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), null, out Envelope envelope);

        Assert.Equal(expected, status);
        Assert.Equal(default(EnvelopeKind), envelope.Kind);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "674")]
    public void ReadFromClient_BodyNestedBeyondMaxDepth_DepthExceeded()
    {
        // The envelope is level 1, so a body of 31 nested arrays reaches the limit of 32 and 32 exceed it.
        string atLimit = "95030705" + "01" + string.Concat(Enumerable.Repeat("91", 30)) + "90";
        string beyond = "95030705" + "01" + string.Concat(Enumerable.Repeat("91", 31)) + "90";

        Assert.Equal(EnvelopeStatus.Success, ReadClientHex(atLimit));
        Assert.Equal(EnvelopeStatus.DepthExceeded, ReadClientHex(beyond));
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "674")]
    public void ReadFromClient_TenThousandNestedArrays_DepthExceededWithoutRecursingThrough()
    {
        string hostile = "95030705" + "01" + string.Concat(Enumerable.Repeat("91", 10_000)) + "90";

        Assert.Equal(EnvelopeStatus.DepthExceeded, ReadClientHex(hostile));
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public void ReadFromClient_CollectionBeyondMaxLength_LengthExceeded()
    {
        // Body: array16 declaring 4097 elements (present), and an envelope declaring 70000 elements.
        string body = "dc1001" + string.Concat(Enumerable.Repeat("00", 4097));
        Assert.Equal(EnvelopeStatus.LengthExceeded, ReadClientHex("95030705" + "01" + body));
        Assert.Equal(EnvelopeStatus.LengthExceeded, ReadClientHex("dd00011170" + "04" + string.Concat(Enumerable.Repeat("00", 70_000))));
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public void ReadFromClient_DeclaredLengthBeyondRemainingBytes_ClassifiedWithoutAllocating()
    {
        // A bin8 declaring 200 bytes with 2 present is truncated; a bin32 or array32 declaring 2^32 − 1 is beyond any
        // limit. Neither allocates for the declared length.
        Assert.Equal(EnvelopeStatus.NeedMoreData, ReadClientHex("9503070501c4c80000"));
        Assert.Equal(EnvelopeStatus.LengthExceeded, ReadClientHex("9503070501c6ffffffff0000"));
        Assert.Equal(EnvelopeStatus.LengthExceeded, ReadClientHex("ddffffffff03"));
    }

    [Fact]
    public void ReadFromClient_SmallerLimits_Applied()
    {
        var options = new MessagePackReaderOptions { MaxDepth = 3, MaxCollectionLength = 6 };

        Assert.Equal(EnvelopeStatus.Success, EnvelopeReader.ReadFromClient(Hex("95030705019190"), options, out _));
        Assert.Equal(EnvelopeStatus.LengthExceeded, EnvelopeReader.ReadFromClient(Hex("95030705019701020304050607"), options, out _));
        Assert.Equal(EnvelopeStatus.DepthExceeded, EnvelopeReader.ReadFromClient(Hex("950307050191919100"), options, out _));
        Assert.Equal(EnvelopeStatus.DepthExceeded, EnvelopeReader.ReadFromClient(Hex("960307050190919190"), options, out _));
    }

    [Fact]
    public void ReadFromClient_NonCanonicalIntegerWidths_Accepted()
    {
        // Readers accept every width (CONVENTIONS.md §8): kind as uint8, seq as uint64.
        Assert.Equal(EnvelopeStatus.Success, ReadClientHex("95cc03cf00000000000000070501920100"));
    }

    private static EnvelopeStatus ReadEither(ReadOnlySequence<byte> message, GoldenVector vector, out Envelope envelope)
        => vector.Bytes[1] < EnvelopeKinds.FirstServerKind
            ? EnvelopeReader.ReadFromClient(message, null, out envelope)
            : EnvelopeReader.ReadFromServer(message, null, out envelope);

    private static EnvelopeStatus ReadClient(string vector, out Envelope envelope)
        => EnvelopeReader.ReadFromClient(new ReadOnlySequence<byte>(GoldenVector.Named(vector).Bytes), null, out envelope);

    private static EnvelopeStatus ReadServer(string vector, out Envelope envelope)
        => EnvelopeReader.ReadFromServer(new ReadOnlySequence<byte>(GoldenVector.Named(vector).Bytes), null, out envelope);

    private static EnvelopeStatus ReadClientHex(string hex) => EnvelopeReader.ReadFromClient(Hex(hex), null, out _);

    private static ReadOnlySequence<byte> Hex(string hex) => new(Convert.FromHexString(hex));

    private static void AssertSameFields(Envelope expected, Envelope actual)
    {
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Sequence, actual.Sequence);
        Assert.Equal(expected.LastSnapshotTick, actual.LastSnapshotTick);
        Assert.Equal(expected.Tag, actual.Tag);
        Assert.Equal(expected.Body.ToArray(), actual.Body.ToArray());
        Assert.Equal(expected.ResumeToken.ToArray(), actual.ResumeToken.ToArray());
        Assert.Equal(expected.RoomType, actual.RoomType);
        Assert.Equal(expected.RoomId, actual.RoomId);
        Assert.Equal(expected.Channel, actual.Channel);
        Assert.Equal(expected.ClientTimeMs, actual.ClientTimeMs);
        Assert.Equal(expected.ServerTick, actual.ServerTick);
        Assert.Equal(expected.EventName, actual.EventName);
        Assert.Equal(expected.ErrorCode, actual.ErrorCode);
        Assert.Equal(expected.ErrorMessage, actual.ErrorMessage);
        Assert.Equal(expected.Url, actual.Url);
    }
}
