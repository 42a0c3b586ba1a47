using System.Buffers;
using System.Text;
using ArenaServer.Tests;

namespace ArenaServer.WebSockets.Tests;

/// <summary>
/// The whole inbound codec path (reader, validator, unmask, UTF-8, close parse) over a stream of client frames, as the
/// transport drives it: every prefix and every split.
/// </summary>
public class FrameStreamTests
{
    [Fact]
    public void Parse_EveryStrictPrefix_NeedMoreDataWithOnlyCompleteItems()
    {
        byte[] wire = BuildConversation();
        ClientFrameStream.Parsed whole = ClientFrameStream.Parse(new ReadOnlySequence<byte>(wire));
        Assert.Null(whole.Error);
        Assert.False(whole.NeedMoreData);
        Assert.Equal(6, whole.Items.Count);

        for (int length = 1; length < wire.Length; length++)
        {
            ClientFrameStream.Parsed parsed = ClientFrameStream.Parse(new ReadOnlySequence<byte>(wire, 0, length));
            Assert.Null(parsed.Error);
            Assert.True(parsed.NeedMoreData || parsed.Items.Count < whole.Items.Count, $"prefix {length}");
            AssertSameItems(whole.Items.Take(parsed.Items.Count).ToList(), parsed.Items);
        }
    }

    [Fact]
    public void Parse_EveryTwoSegmentSplit_SameAsWhole()
    {
        byte[] wire = BuildConversation();
        ClientFrameStream.Parsed whole = ClientFrameStream.Parse(new ReadOnlySequence<byte>(wire));

        for (int cut = 0; cut <= wire.Length; cut++)
        {
            ClientFrameStream.Parsed parsed = ClientFrameStream.Parse(TestSequence.Split(wire, cut));
            Assert.Null(parsed.Error);
            AssertSameItems(whole.Items, parsed.Items);
        }

        AssertSameItems(whole.Items, ClientFrameStream.Parse(TestSequence.OneBytePerSegment(wire)).Items);
    }

    [Theory]
    [MemberData(nameof(Utf8StreamValidatorTests.InvalidSequences), MemberType = typeof(Utf8StreamValidatorTests))]
    public void Parse_InvalidUtf8SplitAcrossFragmentsAtEveryBoundary_1007(string hex)
    {
        byte[] text = Convert.FromHexString(hex);
        for (int cut = 0; cut <= text.Length; cut++)
        {
            byte[] wire = new ClientFrameBuilder()
                .Frame(false, Opcode.Text, text.AsSpan(0, cut))
                .Frame(true, Opcode.Ping, "p"u8)
                .Frame(true, Opcode.Continuation, text.AsSpan(cut))
                .ToArray();

            ClientFrameStream.Parsed parsed = ClientFrameStream.Parse(TestSequence.Split(wire, wire.Length / 2));

            Assert.Equal(WebSocketCloseCodes.InvalidPayloadData, parsed.Error?.Code);
        }
    }

    [Theory]
    [MemberData(nameof(Utf8StreamValidatorTests.InvalidSequences), MemberType = typeof(Utf8StreamValidatorTests))]
    public void Parse_InvalidUtf8ThenEmptyFinalFragment_1007(string hex)
    {
        byte[] wire = new ClientFrameBuilder()
            .Frame(false, Opcode.Text, Convert.FromHexString(hex))
            .Frame(true, Opcode.Continuation, [])
            .ToArray();

        Assert.Equal(WebSocketCloseCodes.InvalidPayloadData, ClientFrameStream.Parse(new ReadOnlySequence<byte>(wire)).Error?.Code);
    }

    [Fact]
    public void Parse_InvalidByteInFirstFragment_1007BeforeRestArrives()
    {
        // Autobahn 6.4.1: the first fragment already cannot be a prefix of UTF-8; the rest of the message never comes.
        byte[] wire = new ClientFrameBuilder()
            .Frame(false, Opcode.Text, Convert.FromHexString("CEBAE1BDB9CF83CEBCCEB5F4908080"))
            .ToArray();

        Assert.Equal(WebSocketCloseCodes.InvalidPayloadData, ClientFrameStream.Parse(new ReadOnlySequence<byte>(wire)).Error?.Code);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "345")]
    public void Parse_UnmaskedClientFrame_1002()
    {
        byte[] wire = new ClientFrameBuilder().Frame(true, Opcode.Binary, [1, 2, 3], masked: false).ToArray();

        Assert.Equal(WebSocketCloseCodes.ProtocolError, ClientFrameStream.Parse(new ReadOnlySequence<byte>(wire)).Error?.Code);
    }

    [Fact]
    public void Parse_RsvBitOnPing_1002()
    {
        byte[] wire = new ClientFrameBuilder().Frame(true, Opcode.Ping, "x"u8, rsv: 0b_0100_0000).ToArray();

        Assert.Equal(WebSocketCloseCodes.ProtocolError, ClientFrameStream.Parse(new ReadOnlySequence<byte>(wire)).Error?.Code);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("03E8", null)]
    [InlineData("03", WebSocketCloseCodes.ProtocolError)]
    [InlineData("03ED", WebSocketCloseCodes.ProtocolError)]
    [InlineData("03E8FF", WebSocketCloseCodes.InvalidPayloadData)]
    public void Parse_ClosePayload_ValidatedLikeAutobahnSection7(string hex, ushort? expected)
    {
        byte[] wire = new ClientFrameBuilder().Frame(true, Opcode.Close, Convert.FromHexString(hex)).ToArray();

        Assert.Equal(expected, ClientFrameStream.Parse(new ReadOnlySequence<byte>(wire)).Error?.Code);
    }

    internal static byte[] BuildConversation()
    {
        byte[] text = Encoding.UTF8.GetBytes("κόσμε € 😀 fragmented");
        byte[] binary = new byte[300];
        new Random(300).NextBytes(binary);
        return new ClientFrameBuilder()
            .Frame(true, Opcode.Text, "Hello"u8)
            .Frame(false, Opcode.Text, text.AsSpan(0, 3))
            .Frame(true, Opcode.Ping, "nonce"u8)
            .Frame(false, Opcode.Continuation, text.AsSpan(3, 9))
            .Frame(false, Opcode.Continuation, [])
            .Frame(true, Opcode.Continuation, text.AsSpan(12))
            .Frame(true, Opcode.Binary, binary)
            .Frame(true, Opcode.Text, [])
            .Frame(true, Opcode.Close, [0x03, 0xE8, (byte)'o', (byte)'k'])
            .ToArray();
    }

    private static void AssertSameItems(List<(Opcode Opcode, byte[] Payload)> expected, List<(Opcode Opcode, byte[] Payload)> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Opcode, actual[i].Opcode);
            Assert.Equal(expected[i].Payload, actual[i].Payload);
        }
    }
}
