using ArenaServer.ConformanceTests.Client;
using ArenaServer.ConformanceTests.Infrastructure;

namespace ArenaServer.ConformanceTests;

/// <summary>Autobahn section 5, Fragmentation (RFC 6455 §5.4).</summary>
[Collection(EchoServerCollection.Name)]
public sealed class Fragmentation5Tests(EchoServerFixture server)
{
    [Theory]
    [Trait("Autobahn", "5.1")]
    [Trait("Autobahn", "5.2")]
    [InlineData("5.1", Opcode.Ping)]
    [InlineData("5.2", Opcode.Pong)]
    public async Task Fragmentation_FragmentedControlFrame_Close1002(string autobahnCase, byte opcode)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        // RFC 6455 §5.5: control frames MUST NOT be fragmented.
        await client.SendFramesAsync(
            Chopping.OneWrite,
            FrameBuilder.Build(opcode, Payloads.Utf8("fragment1"), fin: false),
            FrameBuilder.Continuation("fragment2", fin: true));

        await client.ExpectCloseAsync(1002);
    }

    [Theory]
    [Trait("Autobahn", "5.3")]
    [Trait("Autobahn", "5.4")]
    [Trait("Autobahn", "5.5")]
    [InlineData("5.3", Chopping.OneWrite)]
    [InlineData("5.4", Chopping.FrameWise)]
    [InlineData("5.5", Chopping.OctetWise)]
    public async Task Fragmentation_TextInTwoFragments_WholeEcho(string autobahnCase, Chopping chopping)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendFramesAsync(
            chopping,
            FrameBuilder.Text("fragment1", fin: false),
            FrameBuilder.Continuation("fragment2", fin: true));

        await client.ExpectTextAsync("fragment1fragment2");
        await client.CloseNormallyAsync();
    }

    [Theory]
    [Trait("Autobahn", "5.6")]
    [Trait("Autobahn", "5.7")]
    [Trait("Autobahn", "5.8")]
    [InlineData("5.6", Chopping.OneWrite)]
    [InlineData("5.7", Chopping.FrameWise)]
    [InlineData("5.8", Chopping.OctetWise)]
    public async Task Fragmentation_PingBetweenFragments_PongThenWholeEcho(string autobahnCase, Chopping chopping)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        // RFC 6455 §5.4: control frames MAY be injected in the middle of a fragmented message.
        await client.SendFramesAsync(
            chopping,
            FrameBuilder.Text("fragment1", fin: false),
            FrameBuilder.Ping("ping payload"),
            FrameBuilder.Continuation("fragment2", fin: true));

        await client.ExpectPongAsync("ping payload");
        await client.ExpectTextAsync("fragment1fragment2");
        await client.CloseNormallyAsync();
    }

    [Theory]
    [Trait("Autobahn", "5.9")]
    [Trait("Autobahn", "5.10")]
    [Trait("Autobahn", "5.11")]
    [Trait("Autobahn", "5.12")]
    [Trait("Autobahn", "5.13")]
    [Trait("Autobahn", "5.14")]
    [InlineData("5.9", true, Chopping.OneWrite)]
    [InlineData("5.10", true, Chopping.FrameWise)]
    [InlineData("5.11", true, Chopping.OctetWise)]
    [InlineData("5.12", false, Chopping.OneWrite)]
    [InlineData("5.13", false, Chopping.FrameWise)]
    [InlineData("5.14", false, Chopping.OctetWise)]
    public async Task Fragmentation_ContinuationWithNothingToContinue_Close1002(string autobahnCase, bool fin, Chopping chopping)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendFramesAsync(
            chopping,
            FrameBuilder.Continuation("non-continuation payload", fin),
            FrameBuilder.Text("Hello, world!"));

        await client.ExpectCloseAsync(1002);
    }

    [Fact]
    [Trait("Autobahn", "5.15")]
    public async Task Fragmentation_ContinuationAfterCompletedMessage_EchoThenClose1002()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("5.15");

        await client.SendFramesAsync(
            Chopping.OneWrite,
            FrameBuilder.Text("fragment1", fin: false),
            FrameBuilder.Continuation("fragment2", fin: true),
            FrameBuilder.Continuation("fragment3", fin: false),
            FrameBuilder.Text("fragment4"));

        await client.ExpectTextAsync("fragment1fragment2");
        await client.ExpectCloseAsync(1002);
    }

    [Theory]
    [Trait("Autobahn", "5.16")]
    [Trait("Autobahn", "5.17")]
    [InlineData("5.16", false)]
    [InlineData("5.17", true)]
    public async Task Fragmentation_ContinuationBeforeFragmentedText_Close1002(string autobahnCase, bool firstFin)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        byte[] round = FrameBuilder.Concat(
            FrameBuilder.Continuation("fragment1", firstFin),
            FrameBuilder.Text("fragment2", fin: false),
            FrameBuilder.Continuation("fragment3", fin: true));
        await client.SendAsync(FrameBuilder.Concat(round, round));

        await client.ExpectCloseAsync(1002);
    }

    [Fact]
    [Trait("Autobahn", "5.18")]
    public async Task Fragmentation_SecondFragmentWithTextOpcode_Close1002()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("5.18");

        // RFC 6455 §5.4: every frame after the first of a fragmented message is a Continuation frame.
        await client.SendFramesAsync(
            Chopping.OneWrite,
            FrameBuilder.Text("fragment1", fin: false),
            FrameBuilder.Text("fragment2", fin: true));

        await client.ExpectCloseAsync(1002);
    }

    /// <summary>
    /// Autobahn waits 1 s after the first Ping; here the barrier is the first Pong itself, which must arrive while
    /// the message is still incomplete ("the peer immediately answers the first Ping").
    /// </summary>
    [Theory]
    [Trait("Autobahn", "5.19")]
    [Trait("Autobahn", "5.20")]
    [InlineData("5.19", Chopping.OneWrite)]
    [InlineData("5.20", Chopping.FrameWise)]
    public async Task Fragmentation_PingsBetweenFiveFragments_PongsImmediatelyThenWholeEcho(
        string autobahnCase, Chopping chopping)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendFramesAsync(
            chopping,
            FrameBuilder.Text("fragment1", fin: false),
            FrameBuilder.Continuation("fragment2", fin: false),
            FrameBuilder.Ping("pongme 1!"));
        await client.ExpectPongAsync("pongme 1!");

        await client.SendFramesAsync(
            chopping,
            FrameBuilder.Continuation("fragment3", fin: false),
            FrameBuilder.Continuation("fragment4", fin: false),
            FrameBuilder.Ping("pongme 2!"),
            FrameBuilder.Continuation("fragment5", fin: true));

        await client.ExpectPongAsync("pongme 2!");
        await client.ExpectTextAsync("fragment1fragment2fragment3fragment4fragment5");
        await client.CloseNormallyAsync();
    }
}
