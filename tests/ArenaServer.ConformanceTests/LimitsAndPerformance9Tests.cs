using ArenaServer.ConformanceTests.Client;
using ArenaServer.ConformanceTests.Infrastructure;
using ArenaServer.Tests;

namespace ArenaServer.ConformanceTests;

/// <summary>
/// Autobahn section 9, Limits/Performance, with Autobahn's sizes up to the <c>/echo</c> limit (16 MiB) and a
/// bounded number of round trips; plus the limit itself: one octet over it fails the connection with 1009.
/// Timing is not asserted here (CONVENTIONS.md §45); every read and write still has a deadline.
/// </summary>
[Collection(EchoServerCollection.Name)]
public sealed class LimitsAndPerformance9Tests(EchoServerFixture server)
{
    private const int EchoLimit = 16 * 1024 * 1024; // Arena:Conformance:EchoMaxMessageSize default
    private const int KiB = 1024;
    private const int MiB = 1024 * 1024;

    public static TheoryData<string, int> MessageSizes(string section) => new()
    {
        { $"{section}.1", 64 * KiB }, { $"{section}.2", 256 * KiB }, { $"{section}.3", 1 * MiB },
        { $"{section}.4", 4 * MiB }, { $"{section}.5", 8 * MiB }, { $"{section}.6", 16 * MiB },
    };

    public static TheoryData<string, int> FragmentSizes(string section) => new()
    {
        { $"{section}.1", 64 }, { $"{section}.2", 256 }, { $"{section}.3", 1 * KiB }, { $"{section}.4", 4 * KiB },
        { $"{section}.5", 16 * KiB }, { $"{section}.6", 64 * KiB }, { $"{section}.7", 256 * KiB },
        { $"{section}.8", 1 * MiB }, { $"{section}.9", 4 * MiB },
    };

    public static TheoryData<string, int> ChopSizes(string section) => new()
    {
        { $"{section}.1", 64 }, { $"{section}.2", 128 }, { $"{section}.3", 256 },
        { $"{section}.4", 512 }, { $"{section}.5", 1024 }, { $"{section}.6", 2048 },
    };

    public static TheoryData<string, int> RoundTripSizes(string section) => new()
    {
        { $"{section}.1", 0 }, { $"{section}.2", 16 }, { $"{section}.3", 64 },
        { $"{section}.4", 256 }, { $"{section}.5", 1024 }, { $"{section}.6", 4096 },
    };

    [Theory]
    [Trait("Autobahn", "9.1")]
    [MemberData(nameof(MessageSizes), "9.1")]
    public Task Limits_LargeTextMessage_EchoedExactly(string autobahnCase, int size)
        => EchoAsync(autobahnCase, Opcode.Text, Payloads.Repeat((byte)'*', size), fragmentSize: 0, chopSize: 0);

    [Theory]
    [Trait("Autobahn", "9.2")]
    [MemberData(nameof(MessageSizes), "9.2")]
    public Task Limits_LargeBinaryMessage_EchoedExactly(string autobahnCase, int size)
        => EchoAsync(autobahnCase, Opcode.Binary, Payloads.Repeat(0xfe, size), fragmentSize: 0, chopSize: 0);

    [Theory]
    [Trait("Autobahn", "9.3")]
    [MemberData(nameof(FragmentSizes), "9.3")]
    public Task Limits_FragmentedTextMessage_EchoedExactly(string autobahnCase, int fragmentSize)
        => EchoAsync(autobahnCase, Opcode.Text, Payloads.Repeat((byte)'*', 4 * MiB), fragmentSize, chopSize: 0);

    [Theory]
    [Trait("Autobahn", "9.4")]
    [MemberData(nameof(FragmentSizes), "9.4")]
    public Task Limits_FragmentedBinaryMessage_EchoedExactly(string autobahnCase, int fragmentSize)
        => EchoAsync(autobahnCase, Opcode.Binary, Payloads.Repeat(0xfe, 4 * MiB), fragmentSize, chopSize: 0);

    [Theory]
    [Trait("Autobahn", "9.5")]
    [MemberData(nameof(ChopSizes), "9.5")]
    public Task Limits_TextMessageInChops_EchoedExactly(string autobahnCase, int chopSize)
        => EchoAsync(autobahnCase, Opcode.Text, Payloads.Repeat((byte)'*', 1 * MiB), fragmentSize: 0, chopSize);

    [Theory]
    [Trait("Autobahn", "9.6")]
    [MemberData(nameof(ChopSizes), "9.6")]
    public Task Limits_BinaryMessageInChops_EchoedExactly(string autobahnCase, int chopSize)
        => EchoAsync(autobahnCase, Opcode.Binary, Payloads.Repeat(0xfe, 1 * MiB), fragmentSize: 0, chopSize);

    [Theory]
    [Trait("Autobahn", "9.7")]
    [MemberData(nameof(RoundTripSizes), "9.7")]
    public Task Limits_ThousandTextRoundTrips_AllEchoed(string autobahnCase, int size)
        => RoundTripsAsync(autobahnCase, Opcode.Text, Payloads.Repeat((byte)'*', size));

    [Theory]
    [Trait("Autobahn", "9.8")]
    [MemberData(nameof(RoundTripSizes), "9.8")]
    public Task Limits_ThousandBinaryRoundTrips_AllEchoed(string autobahnCase, int size)
        => RoundTripsAsync(autobahnCase, Opcode.Binary, Payloads.Repeat(0xfe, size));

    [Fact]
    [Trait("Rfc6455", "7.4.1")]
    [Trait("Category", "Security")]
    [Trait("CWE", "770")]
    public async Task Limits_FrameHeaderOverEchoLimit_Close1009BeforePayload()
    {
        await using RawWebSocketClient client = await server.ConnectAsync("9.x limit (header)");

        // Only the header: a server that caps before it buffers (CONVENTIONS.md §20) rejects it at once.
        await client.SendAsync(FrameBuilder.Build(Opcode.Binary, [], declaredLength: EchoLimit + 1UL), endsFrameAligned: false);

        await client.ExpectCloseAsync(1009);
    }

    [Fact]
    [Trait("Rfc6455", "7.4.1")]
    [Trait("Category", "Security")]
    [Trait("CWE", "770")]
    public async Task Limits_FragmentsOverEchoLimit_Close1009()
    {
        byte[] mebibyte = Payloads.Repeat(0xfe, MiB);
        byte[][] frames =
        [
            .. Enumerable.Range(0, EchoLimit / MiB).Select(i => FrameBuilder.Build(
                i == 0 ? Opcode.Binary : Opcode.Continuation, mebibyte, fin: false)),
            FrameBuilder.Build(Opcode.Continuation, [0xfe]),
        ];
        await using RawWebSocketClient client = await server.ConnectAsync("9.x limit (fragments)");

        // Each fragment is small; their sum is one octet over the limit, known only at the last fragment.
        Task send = client.SendFramesAsync(Chopping.FrameWise, frames);

        await client.ExpectCloseAsync(1009);
        await send.DefaultTimeout();
    }

    [Fact]
    [Trait("Rfc6455", "7.4.1")]
    public async Task Limits_MessageExactlyAtEchoLimitInFragments_EchoedExactly()
    {
        byte[] payload = Payloads.Repeat(0xfe, EchoLimit);
        await EchoAsync("9.x limit (exact, fragmented)", Opcode.Binary, payload, fragmentSize: MiB, chopSize: 0);
    }

    /// <summary>
    /// Not an Autobahn case (it runs one connection at a time): echoes are built in pooled buffers, so concurrent
    /// connections with distinct payloads of varying sizes must each get back exactly their own bytes.
    /// </summary>
    [Fact]
    [Trait("Autobahn", "9.x concurrency")]
    public async Task Limits_EightConcurrentConnections_EachGetsOnlyItsOwnEchoes()
    {
        const int Connections = 8;
        const int MessagesEach = 200;

        async Task RunAsync(int index)
        {
            var random = new Random(index);
            await using RawWebSocketClient client = await server.ConnectAsync($"9.x concurrency #{index}");
            for (int i = 0; i < MessagesEach; i++)
            {
                byte[] payload = new byte[random.Next(1, 8 * KiB)];
                random.NextBytes(payload);
                payload[0] = (byte)index;
                await client.SendFrameAsync(Opcode.Binary, payload);
                await client.ExpectBinaryAsync(payload);
            }

            await client.CloseNormallyAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, Connections).Select(RunAsync)).TimeoutAfter(TimeSpan.FromSeconds(60));
    }

    private async Task EchoAsync(string autobahnCase, byte opcode, byte[] payload, int fragmentSize, int chopSize)
    {
        byte[] wire = fragmentSize > 0
            ? FrameBuilder.Fragmented(opcode, payload, fragmentSize)
            : FrameBuilder.Build(opcode, payload);
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        // Send and receive concurrently: a server that streams its echo must not deadlock against our send.
        Task send = client.SendAsync(wire, chopSize);
        await client.ExpectMessageAsync(opcode == Opcode.Text ? MessageKind.Text : MessageKind.Binary, payload);
        await send.DefaultTimeout();

        Assert.False(client.SendFailed, $"[{autobahnCase}] the server closed the connection while the message was being sent");
        await client.CloseNormallyAsync();
    }

    private async Task RoundTripsAsync(string autobahnCase, byte opcode, byte[] payload)
    {
        const int Count = 1000;
        MessageKind kind = opcode == Opcode.Text ? MessageKind.Text : MessageKind.Binary;
        await using RawWebSocketClient client = await server.ConnectAsync(autobahnCase);

        for (int i = 0; i < Count; i++)
        {
            await client.SendAsync(FrameBuilder.Build(opcode, payload));
            await client.ExpectMessageAsync(kind, payload);
        }

        await client.CloseNormallyAsync();
    }
}
