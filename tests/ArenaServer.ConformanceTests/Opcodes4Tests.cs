using ArenaServer.ConformanceTests.Client;
using ArenaServer.ConformanceTests.Infrastructure;

namespace ArenaServer.ConformanceTests;

/// <summary>
/// Autobahn section 4, Opcodes: reserved non-control (0x3–0x7, 4.1.x) and control (0xB–0xF, 4.2.x) opcodes fail
/// the connection with 1002 (RFC 6455 §5.2); a message before them is echoed, a Ping after them is not answered.
/// </summary>
[Collection(EchoServerCollection.Name)]
public sealed class Opcodes4Tests(EchoServerFixture server)
{
    private static readonly byte[] s_hello = Payloads.Utf8("Hello, world!");

    public static TheoryData<string, byte> Alone => new()
    {
        { "4.1.1", 3 }, { "4.1.2", 4 }, { "4.2.1", 11 }, { "4.2.2", 12 },
    };

    public static TheoryData<string, byte> BetweenTextAndPing => new()
    {
        { "4.1.3", 5 }, { "4.1.4", 6 }, { "4.1.5", 7 }, { "4.2.3", 13 }, { "4.2.4", 14 }, { "4.2.5", 15 },
    };

    [Theory]
    [Trait("Autobahn", "4.1.1")]
    [Trait("Autobahn", "4.1.2")]
    [Trait("Autobahn", "4.2.1")]
    [Trait("Autobahn", "4.2.2")]
    [MemberData(nameof(Alone))]
    public async Task Opcodes_ReservedOpcode_Close1002(string autobahnCase, byte opcode)
    {
        // x.1 sends no payload, x.2 a payload.
        byte[] payload = autobahnCase.EndsWith(".1", StringComparison.Ordinal) ? [] : Payloads.Utf8("reserved opcode payload");
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendFrameAsync(opcode, payload);

        await client.ExpectCloseAsync(1002);
    }

    [Theory]
    [Trait("Autobahn", "4.1.3")]
    [Trait("Autobahn", "4.1.4")]
    [Trait("Autobahn", "4.1.5")]
    [Trait("Autobahn", "4.2.3")]
    [Trait("Autobahn", "4.2.4")]
    [Trait("Autobahn", "4.2.5")]
    [MemberData(nameof(BetweenTextAndPing))]
    public async Task Opcodes_TextThenReservedOpcodeThenPing_EchoThenClose1002(string autobahnCase, byte opcode)
    {
        byte[] payload = autobahnCase.EndsWith(".3", StringComparison.Ordinal) ? [] : Payloads.Utf8("reserved opcode payload");
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendFramesAsync(
            Chopping.FrameWise,
            FrameBuilder.Build(Opcode.Text, s_hello),
            FrameBuilder.Build(opcode, payload),
            FrameBuilder.Build(Opcode.Ping, []));

        await client.ExpectTextAsync(s_hello);
        await client.ExpectCloseAsync(1002);
    }
}
