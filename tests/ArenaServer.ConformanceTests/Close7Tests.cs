using ArenaServer.ConformanceTests.Client;
using ArenaServer.ConformanceTests.Infrastructure;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.ConformanceTests;

/// <summary>
/// Autobahn section 7, Close Handling (RFC 6455 §5.5.1, §7): the server answers a Close with a Close, ignores
/// everything after it, validates the code and reason, and then closes the TCP connection itself.
/// </summary>
[Collection(EchoServerCollection.Name)]
public sealed class Close7Tests(EchoServerFixture server)
{
    public static TheoryData<string, int> ValidCodes => new()
    {
        { "7.7.1", 1000 }, { "7.7.2", 1001 }, { "7.7.3", 1002 }, { "7.7.4", 1003 }, { "7.7.5", 1007 },
        { "7.7.6", 1008 }, { "7.7.7", 1009 }, { "7.7.8", 1010 }, { "7.7.9", 1011 }, { "7.7.10", 3000 },
        { "7.7.11", 3999 }, { "7.7.12", 4000 }, { "7.7.13", 4999 },

        // Registered with IANA after RFC 6455 (Service Restart, Try Again Later, Bad Gateway); not in Autobahn's list.
        { "7.7.x 1012", 1012 }, { "7.7.x 1013", 1013 }, { "7.7.x 1014", 1014 },
    };

    public static TheoryData<string, int> InvalidCodes => new()
    {
        { "7.9.1", 0 }, { "7.9.2", 999 }, { "7.9.3", 1004 }, { "7.9.4", 1005 }, { "7.9.5", 1006 },
        { "7.9.6", 1016 }, { "7.9.7", 1100 }, { "7.9.8", 2000 }, { "7.9.9", 2999 },
        { "7.13.1", 5000 }, { "7.13.2", 65535 },

        // 1015 (TLS handshake failure) is reserved for reporting and MUST NOT be sent (RFC 6455 §7.4.1).
        { "7.9.x 1015", 1015 },
    };

    [Fact]
    [Trait("Autobahn", "7.1.1")]
    public async Task Close_AfterText_EchoThenClose1000()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("7.1.1");

        await client.SendTextAsync("Hello World!");
        await client.ExpectTextAsync("Hello World!");

        await client.CloseNormallyAsync();
    }

    /// <summary>7.1.2–7.1.4: after our Close, a second Close, a Ping or a Text must be ignored (RFC 6455 §5.5.1).</summary>
    [Theory]
    [Trait("Autobahn", "7.1.2")]
    [Trait("Autobahn", "7.1.3")]
    [Trait("Autobahn", "7.1.4")]
    [InlineData("7.1.2", Opcode.Close)]
    [InlineData("7.1.3", Opcode.Ping)]
    [InlineData("7.1.4", Opcode.Text)]
    public async Task Close_FrameAfterClose_IgnoredAndClose1000(string autobahnCase, byte opcode)
    {
        byte[] trailing = opcode switch
        {
            Opcode.Close => FrameBuilder.Close(1000),
            Opcode.Ping => FrameBuilder.Ping("Hello World!"),
            _ => FrameBuilder.Text("Hello World!"),
        };
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendCloseAsync(1000);
        await client.SendAsync(trailing);

        await client.ExpectCloseAsync(1000);
    }

    [Fact]
    [Trait("Autobahn", "7.1.5")]
    public async Task Close_InsideFragmentedMessage_NoEchoAndClose1000()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("7.1.5");

        await client.SendAsync(FrameBuilder.Text("fragment1", fin: false));
        await client.SendCloseAsync(1000);
        await client.SendAsync(FrameBuilder.Continuation("fragment2", fin: true));

        await client.ExpectCloseAsync(1000);
    }

    /// <summary>
    /// 7.1.6 (informational in Autobahn): 256 KiB text, a small text, Close, Ping, back to back. Echoes of the
    /// messages received before the Close may come (in order) or not; then Close(1000), never a Pong.
    /// </summary>
    [Fact]
    [Trait("Autobahn", "7.1.6")]
    public async Task Close_AfterLargeMessage_EchoesInOrderThenClose1000WithoutPong()
    {
        byte[] large = Payloads.Repeat("BAsd7&jh23", 256 * 1024);
        byte[] small = Payloads.Utf8("Hello World!");
        await using RawWebSocketClient client = await server.ConnectAsync("7.1.6");

        await client.SendCloseFrameAsync(FrameBuilder.Concat(
            FrameBuilder.Build(Opcode.Text, large),
            FrameBuilder.Build(Opcode.Text, small),
            FrameBuilder.Close(1000),
            FrameBuilder.Ping("")));

        byte[][] allowed = [large, small];
        for (int i = 0; ; i++)
        {
            ReceivedMessage received = await client.ReceiveAsync();
            if (received.Kind == MessageKind.Close)
            {
                Assert.Equal(1000, received.CloseCode);
                break;
            }

            if (i >= allowed.Length || received.Kind != MessageKind.Text || !received.Payload.AsSpan().SequenceEqual(allowed[i]))
            {
                client.Fail($"Expected the echoes before the Close, in order, then Close(1000), but the server sent {received}.");
            }
        }

        await client.ExpectTcpClosedAsync();
    }

    [Fact]
    [Trait("Autobahn", "7.3.1")]
    public async Task Close_EmptyPayload_CloseWithoutCodeOr1000()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("7.3.1");

        await client.SendCloseAsync(code: null);

        // 1005 stands for "no status code" (RFC 6455 §7.1.5): an empty Close echoed back.
        await client.ExpectCloseAsync(1000, 1005);
    }

    [Fact]
    [Trait("Autobahn", "7.3.2")]
    public async Task Close_OneBytePayload_Close1002()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("7.3.2");

        // RFC 6455 §5.5.1: a Close body starts with a 2-byte code; one byte cannot be one.
        await client.SendCloseFrameAsync(FrameBuilder.Build(Opcode.Close, [0x2a]));

        await client.ExpectCloseAsync(1002);
    }

    [Theory]
    [Trait("Autobahn", "7.3.3")]
    [Trait("Autobahn", "7.3.4")]
    [Trait("Autobahn", "7.3.5")]
    [InlineData("7.3.3", 0)]
    [InlineData("7.3.4", 12)]
    [InlineData("7.3.5", 123)]
    public async Task Close_NormalCodeWithReason_Close1000(string autobahnCase, int reasonLength)
    {
        byte[] reason = reasonLength == 12 ? Payloads.Utf8("Hello World!") : Payloads.Repeat((byte)'*', reasonLength);
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendCloseAsync(1000, reason);

        await client.ExpectCloseAsync(1000);
    }

    [Fact]
    [Trait("Autobahn", "7.3.6")]
    public async Task Close_PayloadOf126Bytes_Close1002()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("7.3.6");

        // 2-byte code + 124-byte reason = 126 bytes: over the 125-byte control frame limit (RFC 6455 §5.5).
        await client.SendCloseAsync(1000, Payloads.Repeat((byte)'*', 124));

        await client.ExpectCloseAsync(1002);
    }

    [Fact]
    [Trait("Autobahn", "7.5.1")]
    public async Task Close_ReasonNotUtf8_Close1007()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("7.5.1");

        // RFC 6455 §5.5.1 and §8.1: the reason is UTF-8; invalid data is failed with 1007 (§7.4.1).
        await client.SendCloseAsync(1000, Payloads.Hex("cebae1bdb9cf83cebcceb5eda080656469746564"));

        await client.ExpectCloseAsync(1007);
    }

    /// <summary>Not an Autobahn case: the server-initiated close handshake, as a graceful stop performs it.</summary>
    [Fact]
    [Trait("Rfc6455", "7.4.1")]
    public async Task Close_ServerStopsGracefully_Close1001ThenTcpClosed()
    {
        await using TestArenaServer own = await TestArenaServer.StartAsync(EchoServerFixture.EnableEcho)
            .TimeoutAfter(TimeSpan.FromSeconds(60));
        await using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(
            own.EndPoint, EchoServerFixture.EchoPath, "server stop");
        await client.SendTextAsync("before stop");
        await client.ExpectTextAsync("before stop");

        // RFC 6455 §7.4.1: 1001, "going away", e.g. a server going down.
        Task stopping = own.StopAsync();

        await client.ExpectCloseAsync(1001);
        await stopping.DefaultTimeout();
    }

    [Theory]
    [Trait("Autobahn", "7.7")]
    [MemberData(nameof(ValidCodes))]
    public async Task Close_ValidCode_CodeEchoed(string autobahnCase, int code)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendCloseAsync(code);

        await client.ExpectCloseAsync(code);
    }

    [Theory]
    [Trait("Autobahn", "7.9")]
    [Trait("Autobahn", "7.13")]
    [MemberData(nameof(InvalidCodes))]
    public async Task Close_InvalidCode_Close1002(string autobahnCase, int code)
    {
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        await client.SendCloseAsync(code);

        await client.ExpectCloseAsync(1002);
    }
}
