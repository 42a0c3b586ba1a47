using ArenaServer.ConformanceTests.Client;
using ArenaServer.ConformanceTests.Infrastructure;

namespace ArenaServer.ConformanceTests;

/// <summary>
/// Autobahn section 3, Reserved Bits: with no extension negotiated any RSV bit fails the connection with 1002
/// (RFC 6455 §5.2), and nothing sent after the bad frame is processed.
/// </summary>
[Collection(EchoServerCollection.Name)]
public sealed class ReservedBits3Tests(EchoServerFixture server)
{
    private static readonly byte[] s_hello = Payloads.Utf8("Hello, world!");

    [Fact]
    [Trait("Autobahn", "3.1")]
    public async Task ReservedBits_Rsv1OnText_Close1002()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("3.1");

        await client.SendFrameAsync(Opcode.Text, s_hello, rsv: 1);

        await client.ExpectCloseAsync(1002);
    }

    /// <summary>3.2 in one write, 3.3 frame by frame, 3.4 octet by octet: echo, then 1002 and no Pong.</summary>
    [Theory]
    [Trait("Autobahn", "3.2")]
    [Trait("Autobahn", "3.3")]
    [Trait("Autobahn", "3.4")]
    [InlineData("3.2", 2, Chopping.OneWrite)]
    [InlineData("3.3", 3, Chopping.FrameWise)]
    [InlineData("3.4", 4, Chopping.OctetWise)]
    public async Task ReservedBits_TextThenRsvTextThenPing_EchoThenClose1002(string autobahnCase, byte rsv, Chopping chopping)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendFramesAsync(
            chopping,
            FrameBuilder.Build(Opcode.Text, s_hello),
            FrameBuilder.Build(Opcode.Text, s_hello, rsv: rsv),
            FrameBuilder.Build(Opcode.Ping, []));

        await client.ExpectTextAsync(s_hello);
        await client.ExpectCloseAsync(1002);
    }

    [Fact]
    [Trait("Autobahn", "3.5")]
    public async Task ReservedBits_Rsv5OnBinary_Close1002()
    {
        byte[] payload = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];
        await using RawWebSocketClient client = await server.ConnectAsync("3.5");

        await client.SendFrameAsync(Opcode.Binary, payload, rsv: 5);

        await client.ExpectCloseAsync(1002);
    }

    [Fact]
    [Trait("Autobahn", "3.6")]
    public async Task ReservedBits_Rsv6OnPing_Close1002WithoutPong()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("3.6");

        await client.SendFrameAsync(Opcode.Ping, s_hello, rsv: 6);

        await client.ExpectCloseAsync(1002);
    }

    [Fact]
    [Trait("Autobahn", "3.7")]
    public async Task ReservedBits_Rsv7OnClose_Close1002()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("3.7");

        await client.SendCloseFrameAsync(FrameBuilder.Build(Opcode.Close, [0x03, 0xe8], rsv: 7));

        await client.ExpectCloseAsync(1002);
    }
}
