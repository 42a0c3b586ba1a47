using ArenaServer.ConformanceTests.Client;
using ArenaServer.ConformanceTests.Infrastructure;

namespace ArenaServer.ConformanceTests;

/// <summary>Autobahn section 2, Pings/Pongs (RFC 6455 §5.5.2–§5.5.3).</summary>
[Collection(EchoServerCollection.Name)]
public sealed class PingPong2Tests(EchoServerFixture server)
{
    public static TheoryData<string, string, int> PingPayloads => new()
    {
        { "2.1", "", 0 },
        { "2.2", "48656c6c6f2c20776f726c6421", 0 },        // "Hello, world!"
        { "2.3", "00fffefdfcfb00ff", 0 },                  // binary payload
        { "2.4", Convert.ToHexString(Payloads.Repeat(0xfe, 125)), 0 },
        { "2.6", Convert.ToHexString(Payloads.Repeat(0xfe, 125)), 1 },
    };

    [Theory]
    [Trait("Autobahn", "2.1")]
    [Trait("Autobahn", "2.2")]
    [Trait("Autobahn", "2.3")]
    [Trait("Autobahn", "2.4")]
    [Trait("Autobahn", "2.6")]
    [MemberData(nameof(PingPayloads))]
    public async Task Ping_WithPayload_PongEchoesPayload(string autobahnCase, string payloadHex, int chopSize)
    {
        byte[] payload = Payloads.Hex(payloadHex);
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendPingAsync(payload, chopSize);

        await client.ExpectPongAsync(payload);
        await client.CloseNormallyAsync();
    }

    [Fact]
    [Trait("Autobahn", "2.5")]
    public async Task Ping_PayloadOf126Bytes_Close1002()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("2.5");

        // RFC 6455 §5.5: control frames carry at most 125 bytes.
        await client.SendPingAsync(Payloads.Repeat(0xfe, 126));

        await client.ExpectCloseAsync(1002);
    }

    [Theory]
    [Trait("Autobahn", "2.7")]
    [Trait("Autobahn", "2.8")]
    [InlineData("2.7", "")]
    [InlineData("2.8", "unsolicited pong payload")]
    public async Task Pong_Unsolicited_Ignored(string autobahnCase, string payload)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        // RFC 6455 §5.5.3: an unsolicited Pong is a heartbeat and expects no response.
        await client.SendFrameAsync(Opcode.Pong, Payloads.Utf8(payload));

        await client.CloseNormallyAsync();
    }

    [Fact]
    [Trait("Autobahn", "2.9")]
    public async Task Pong_UnsolicitedThenPing_OnlyPingAnswered()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("2.9");

        await client.SendFrameAsync(Opcode.Pong, Payloads.Utf8("unsolicited pong payload"));
        await client.SendPingAsync(Payloads.Utf8("ping payload"));

        await client.ExpectPongAsync("ping payload");
        await client.CloseNormallyAsync();
    }

    [Theory]
    [Trait("Autobahn", "2.10")]
    [Trait("Autobahn", "2.11")]
    [InlineData("2.10", 0)]
    [InlineData("2.11", 1)]
    public async Task Ping_TenInARow_TenPongsInOrder(string autobahnCase, int chopSize)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        for (int i = 0; i < 10; i++)
        {
            await client.SendPingAsync(Payloads.Utf8($"payload-{i}"), chopSize);
        }

        for (int i = 0; i < 10; i++)
        {
            await client.ExpectPongAsync($"payload-{i}");
        }

        await client.CloseNormallyAsync();
    }
}
