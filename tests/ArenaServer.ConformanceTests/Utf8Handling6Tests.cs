using ArenaServer.ConformanceTests.Client;
using ArenaServer.ConformanceTests.Infrastructure;

namespace ArenaServer.ConformanceTests;

/// <summary>
/// Autobahn section 6, UTF-8 Handling: valid text is echoed however it is fragmented; invalid text fails the
/// connection with 1007 (RFC 6455 §8.1), and fails it fast, as soon as the invalid octet arrives (6.4.x).
/// </summary>
[Collection(EchoServerCollection.Name)]
public sealed class Utf8Handling6Tests(EchoServerFixture server)
{
    private static readonly byte[] s_kosme = Payloads.Hex("cebae1bdb9cf83cebcceb5");               // "κόσμε"
    private static readonly byte[] s_helloUtf8 = Payloads.Utf8("Hello-µ@ßöäüàá-UTF-8!!");
    private static readonly byte[] s_invalid = Payloads.Hex("cebae1bdb9cf83cebcceb5" + "eda080" + "656469746564");

    // 6.4.1/6.4.3: κόσμε | F4 90 80 80 (U+110000, out of range) | "edited"; the 2nd part is invalid at its 2nd octet.
    private static readonly byte[][] s_failFastFragments = [s_kosme, Payloads.Hex("f4908080"), Payloads.Utf8("edited")];

    // 6.4.2/6.4.4: the 2nd part is exactly the octet (0x90) that makes the payload invalid.
    private static readonly byte[][] s_failFastOctet =
        [Payloads.Hex("cebae1bdb9cf83cebcceb5f4"), [0x90], Payloads.Hex("8080656469746564")];

    public static TheoryData<string, string, bool> GeneratedSequences
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach ((string caseId, byte[] payload, bool valid) in Utf8TestSequences.All)
            {
                data.Add(caseId, Convert.ToHexString(payload), valid);
            }

            return data;
        }
    }

    [Fact]
    [Trait("Autobahn", "6.1.1")]
    public async Task Utf8_EmptyTextMessage_EchoedEmpty()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("6.1.1");

        await client.SendFrameAsync(Opcode.Text, []);

        await client.ExpectTextAsync([]);
        await client.CloseNormallyAsync();
    }

    [Theory]
    [Trait("Autobahn", "6.1.2")]
    [Trait("Autobahn", "6.1.3")]
    [InlineData("6.1.2", "")]
    [InlineData("6.1.3", "middle frame payload")]
    public async Task Utf8_EmptyFragments_EchoedWhole(string autobahnCase, string middle)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendFramesAsync(
            Chopping.OneWrite,
            FrameBuilder.Text("", fin: false),
            FrameBuilder.Continuation(middle, fin: false),
            FrameBuilder.Continuation("", fin: true));

        await client.ExpectTextAsync(middle);
        await client.CloseNormallyAsync();
    }

    [Fact]
    [Trait("Autobahn", "6.2.1")]
    public async Task Utf8_ValidInOneFrame_Echoed()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("6.2.1");

        await client.SendFrameAsync(Opcode.Text, s_helloUtf8);

        await client.ExpectTextAsync(s_helloUtf8);
        await client.CloseNormallyAsync();
    }

    [Fact]
    [Trait("Autobahn", "6.2.2")]
    public async Task Utf8_ValidFragmentedOnCodePointBoundary_Echoed()
    {
        byte[] first = Payloads.Utf8("Hello-µ@ßöä");
        byte[] second = Payloads.Utf8("üàá-UTF-8!!");
        await using RawWebSocketClient client = await server.ConnectAsync("6.2.2");

        await client.SendFramesAsync(
            Chopping.OneWrite,
            FrameBuilder.Build(Opcode.Text, first, fin: false),
            FrameBuilder.Build(Opcode.Continuation, second));

        await client.ExpectTextAsync([.. first, .. second]);
        await client.CloseNormallyAsync();
    }

    /// <summary>One frame per octet, so most frames end inside a code point: validation must carry state across frames.</summary>
    [Theory]
    [Trait("Autobahn", "6.2.3")]
    [Trait("Autobahn", "6.2.4")]
    [InlineData("6.2.3", "48656c6c6f2dc2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121")]
    [InlineData("6.2.4", "cebae1bdb9cf83cebcceb5")]
    public async Task Utf8_ValidInOneOctetFrames_Echoed(string autobahnCase, string payloadHex)
    {
        byte[] payload = Payloads.Hex(payloadHex);
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendAsync(OneFramePerOctet(payload));

        await client.ExpectTextAsync(payload);
        await client.CloseNormallyAsync();
    }

    [Theory]
    [Trait("Autobahn", "6.3.1")]
    [Trait("Autobahn", "6.3.2")]
    [InlineData("6.3.1", false)]
    [InlineData("6.3.2", true)]
    public async Task Utf8_InvalidSurrogateInText_Close1007(string autobahnCase, bool oneFramePerOctet)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendAsync(oneFramePerOctet ? OneFramePerOctet(s_invalid) : FrameBuilder.Build(Opcode.Text, s_invalid));

        await client.ExpectCloseAsync(1007);
    }

    /// <summary>
    /// 6.4.1/6.4.2, three frames. Autobahn waits 1 s between parts; here a Ping after the valid first frame proves the
    /// connection is still open, and the third frame is never sent: the server must fail the connection with 1007
    /// on the frame that contains the invalid octet, while the message is still incomplete.
    /// </summary>
    [Theory]
    [Trait("Autobahn", "6.4.1")]
    [Trait("Autobahn", "6.4.2")]
    [InlineData("6.4.1", false)]
    [InlineData("6.4.2", true)]
    public async Task Utf8_InvalidOctetInMiddleFrame_FailsFastWith1007(string autobahnCase, bool exactOctet)
    {
        byte[][] parts = exactOctet ? s_failFastOctet : s_failFastFragments;
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendAsync(FrameBuilder.Build(Opcode.Text, parts[0], fin: false));
        await client.SendPingAsync(Payloads.Utf8("still open"));
        await client.ExpectPongAsync("still open");

        await client.SendAsync(FrameBuilder.Build(Opcode.Continuation, parts[1], fin: false));

        await client.ExpectCloseAsync(1007);
    }

    /// <summary>
    /// 6.4.3/6.4.4: the same three parts as chops of a single frame; the frame's header announces all of them, and
    /// the server must fail on the second chop without waiting for the rest of the frame.
    /// </summary>
    [Theory]
    [Trait("Autobahn", "6.4.3")]
    [Trait("Autobahn", "6.4.4")]
    [InlineData("6.4.3", false)]
    [InlineData("6.4.4", true)]
    public async Task Utf8_InvalidOctetInMiddleChopOfOneFrame_FailsFastWith1007(string autobahnCase, bool exactOctet)
    {
        byte[][] parts = exactOctet ? s_failFastOctet : s_failFastFragments;
        byte[] frame = FrameBuilder.Build(Opcode.Text, [.. parts[0], .. parts[1], .. parts[2]]);
        int headerLength = frame.Length - parts.Sum(p => p.Length);
        int firstChop = headerLength + parts[0].Length;
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendAsync(frame.AsMemory(0, firstChop), endsFrameAligned: false);
        await client.SendAsync(frame.AsMemory(firstChop, parts[1].Length), endsFrameAligned: false);

        await client.ExpectCloseAsync(1007);
    }

    [Theory]
    [Trait("Autobahn", "6.5")]
    [Trait("Autobahn", "6.6")]
    [Trait("Autobahn", "6.7")]
    [Trait("Autobahn", "6.8")]
    [Trait("Autobahn", "6.9")]
    [Trait("Autobahn", "6.10")]
    [Trait("Autobahn", "6.11")]
    [Trait("Autobahn", "6.12")]
    [Trait("Autobahn", "6.13")]
    [Trait("Autobahn", "6.14")]
    [Trait("Autobahn", "6.15")]
    [Trait("Autobahn", "6.16")]
    [Trait("Autobahn", "6.17")]
    [Trait("Autobahn", "6.18")]
    [Trait("Autobahn", "6.19")]
    [Trait("Autobahn", "6.20")]
    [Trait("Autobahn", "6.21")]
    [Trait("Autobahn", "6.22")]
    [Trait("Autobahn", "6.23")]
    [MemberData(nameof(GeneratedSequences))]
    public async Task Utf8_KuhnTestSequence_EchoedIfValidElseClose1007(string autobahnCase, string payloadHex, bool valid)
    {
        byte[] payload = Payloads.Hex(payloadHex);
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendFrameAsync(Opcode.Text, payload);

        if (valid)
        {
            await client.ExpectTextAsync(payload);
            await client.CloseNormallyAsync();
        }
        else
        {
            await client.ExpectCloseAsync(1007);
        }
    }

    private static byte[] OneFramePerOctet(byte[] payload)
        => FrameBuilder.Concat([.. payload.Select((octet, i) => FrameBuilder.Build(
            i == 0 ? Opcode.Text : Opcode.Continuation, [octet], fin: i == payload.Length - 1))]);
}
