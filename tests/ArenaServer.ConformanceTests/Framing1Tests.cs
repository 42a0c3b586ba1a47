using ArenaServer.ConformanceTests.Client;
using ArenaServer.ConformanceTests.Infrastructure;

namespace ArenaServer.ConformanceTests;

/// <summary>Autobahn section 1, Framing: text (1.1.x) and binary (1.2.x) messages of boundary lengths.</summary>
[Collection(EchoServerCollection.Name)]
public sealed class Framing1Tests(EchoServerFixture server)
{
    // (case, payload length, chop size): 125/126/127 and 65535/65536 straddle the 7/16/64-bit length forms (§5.2).
    public static TheoryData<string, int, int> Lengths(string section) => new()
    {
        { $"{section}.1", 0, 0 },
        { $"{section}.2", 125, 0 },
        { $"{section}.3", 126, 0 },
        { $"{section}.4", 127, 0 },
        { $"{section}.5", 128, 0 },
        { $"{section}.6", 65535, 0 },
        { $"{section}.7", 65536, 0 },
        { $"{section}.8", 65536, 997 },
    };

    [Theory]
    [Trait("Autobahn", "1.1")]
    [MemberData(nameof(Lengths), "1.1")]
    public async Task Framing_TextMessageOfLength_EchoedExactly(string autobahnCase, int length, int chopSize)
    {
        byte[] payload = Payloads.Repeat((byte)'*', length);
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendFrameAsync(Opcode.Text, payload, chopSize: chopSize);

        await client.ExpectTextAsync(payload);
        await client.CloseNormallyAsync();
    }

    [Theory]
    [Trait("Autobahn", "1.2")]
    [MemberData(nameof(Lengths), "1.2")]
    public async Task Framing_BinaryMessageOfLength_EchoedExactly(string autobahnCase, int length, int chopSize)
    {
        byte[] payload = Payloads.Repeat(0xfe, length);
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendFrameAsync(Opcode.Binary, payload, chopSize: chopSize);

        await client.ExpectBinaryAsync(payload);
        await client.CloseNormallyAsync();
    }

    [Fact]
    [Trait("Rfc6455", "5.1")]
    [Trait("Category", "Security")]
    [Trait("CWE", "20")]
    public async Task Framing_UnmaskedClientFrame_Close1002()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("RFC 6455 §5.1 unmasked");

        // RFC 6455 §5.1: a server MUST close the connection upon receiving an unmasked frame.
        await client.SendAsync(FrameBuilder.Build(Opcode.Text, Payloads.Utf8("Hello, world!"), masked: false));

        await client.ExpectCloseAsync(1002);
    }

    [Fact]
    [Trait("Rfc6455", "5.2")]
    [Trait("Category", "Security")]
    [Trait("CWE", "190")]
    public async Task Framing_64BitLengthWithTopBitSet_Close1002Or1009()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("RFC 6455 §5.2 length MSB");

        // RFC 6455 §5.2: the most significant bit of a 64-bit length MUST be 0; the header alone is enough to fail.
        await client.SendAsync(FrameBuilder.Build(Opcode.Binary, [], declaredLength: 0x8000_0000_0000_0010UL));

        await client.ExpectCloseAsync(1002, 1009);
    }

    [Fact]
    [Trait("Rfc6455", "5.6")]
    public async Task Framing_BinaryMessageThatIsNotUtf8_EchoedUnvalidated()
    {
        // Only Text frames carry UTF-8 (RFC 6455 §5.6); a Binary payload is opaque, even a surrogate or 0xFF.
        byte[] payload = Payloads.Hex("eda080fffe00c0af");
        await using RawWebSocketClient client = await server.ConnectAsync("RFC 6455 §5.6 binary");

        await client.SendFrameAsync(Opcode.Binary, payload);

        await client.ExpectBinaryAsync(payload);
        await client.CloseNormallyAsync();
    }

    [Fact]
    [Trait("Rfc6455", "5.4")]
    public async Task Framing_TextAndBinaryBackToBack_EchoedInOrder()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("RFC 6455 §5.4 ordering");

        await client.SendAsync(FrameBuilder.Concat(
            FrameBuilder.Text("first"),
            FrameBuilder.Build(Opcode.Binary, [1, 2, 3]),
            FrameBuilder.Text("third")));

        await client.ExpectTextAsync("first");
        await client.ExpectBinaryAsync([1, 2, 3]);
        await client.ExpectTextAsync("third");
        await client.CloseNormallyAsync();
    }
}
