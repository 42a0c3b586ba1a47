using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using ArenaServer.Tests;

namespace ArenaServer.WebSockets.Tests;

/// <summary>Frames checked in both directions against the BCL's ManagedWebSocket (CONVENTIONS.md §39).</summary>
public class BclOracleTests
{
    private static readonly int[] s_sizes = [0, 1, 125, 126, 65535, 65536, 70_000];

    [Fact]
    public async Task FrameWriter_MessagesOfEveryLengthClass_ReadByBclClient()
    {
        using var stream = new InMemoryDuplexStream { MaxReadSize = 1000 };
        using WebSocket client = CreateClient(stream);
        var output = new ArrayBufferWriter<byte>();
        foreach (int size in s_sizes)
        {
            FrameWriter.WriteFrame(output, true, Opcode.Binary, Payload(size));
        }

        FrameWriter.WriteFrame(output, true, Opcode.Text, "κόσμε 😀"u8);
        stream.Feed(output.WrittenSpan);

        foreach (int size in s_sizes)
        {
            (WebSocketMessageType type, byte[] data) = await ReceiveMessageAsync(client).DefaultTimeout();
            Assert.Equal(WebSocketMessageType.Binary, type);
            Assert.Equal(Payload(size), data);
        }

        (WebSocketMessageType textType, byte[] text) = await ReceiveMessageAsync(client).DefaultTimeout();
        Assert.Equal(WebSocketMessageType.Text, textType);
        Assert.Equal("κόσμε 😀", Encoding.UTF8.GetString(text));
    }

    [Fact]
    public async Task FrameWriter_FragmentedTextWithPingBetweenFragments_BclReassemblesAndPongs()
    {
        using var stream = new InMemoryDuplexStream();
        using WebSocket client = CreateClient(stream);
        byte[] text = Encoding.UTF8.GetBytes("a€b😀c");
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteFrame(output, false, Opcode.Text, text.AsSpan(0, 2));
        FrameWriter.WriteFrame(output, true, Opcode.Ping, "nonce-01"u8);
        FrameWriter.WriteFrame(output, false, Opcode.Continuation, text.AsSpan(2, 5));
        FrameWriter.WriteFrame(output, true, Opcode.Continuation, text.AsSpan(7));
        stream.Feed(output.WrittenSpan);

        (WebSocketMessageType type, byte[] data) = await ReceiveMessageAsync(client).DefaultTimeout();

        Assert.Equal(WebSocketMessageType.Text, type);
        Assert.Equal(text, data);
        ClientFrameStream.Parsed pong = ClientFrameStream.Parse(new ReadOnlySequence<byte>(stream.TakeWritten()));
        Assert.Null(pong.Error);
        Assert.Equal(Opcode.Pong, Assert.Single(pong.Items).Opcode);
        Assert.Equal("nonce-01"u8.ToArray(), pong.Items[0].Payload);
    }

    [Fact]
    public async Task FrameWriter_CloseWithReason_BclReportsStatusAndEchoesClose()
    {
        using var stream = new InMemoryDuplexStream();
        using WebSocket client = CreateClient(stream);
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteClose(output, 4008, "slow consumer");
        stream.Feed(output.WrittenSpan);

        WebSocketReceiveResult result = await client.ReceiveAsync(new byte[64], CancellationToken.None).DefaultTimeout();

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal((System.Net.WebSockets.WebSocketCloseStatus)4008, result.CloseStatus);
        Assert.Equal("slow consumer", result.CloseStatusDescription);
        await client.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "ok", CancellationToken.None).DefaultTimeout();
        ClientFrameStream.Parsed reply = ClientFrameStream.Parse(new ReadOnlySequence<byte>(stream.TakeWritten()));
        Assert.Null(reply.Error);
        Assert.Equal(Opcode.Close, Assert.Single(reply.Items).Opcode);
        Assert.Equal(FrameDecodeResult.Success, CloseFrame.TryParse(reply.Items[0].Payload, out ushort code, out int offset, out _));
        Assert.Equal(WebSocketCloseCodes.NormalClosure, code);
        Assert.Equal("ok", Encoding.UTF8.GetString(reply.Items[0].Payload.AsSpan(offset)));
    }

    [Fact]
    public async Task FrameReader_BclClientMessagesOfEveryLengthClass_DecodedAndUnmasked()
    {
        using var stream = new InMemoryDuplexStream();
        using WebSocket client = CreateClient(stream);
        foreach (int size in s_sizes)
        {
            await client.SendAsync(Payload(size), WebSocketMessageType.Binary, true, CancellationToken.None).DefaultTimeout();
        }

        await client.SendAsync(Encoding.UTF8.GetBytes("κόσμε 😀"), WebSocketMessageType.Text, true, CancellationToken.None).DefaultTimeout();
        byte[] wire = stream.TakeWritten();

        foreach (ReadOnlySequence<byte> input in Segmentations(wire))
        {
            ClientFrameStream.Parsed parsed = ClientFrameStream.Parse(input);
            Assert.Null(parsed.Error);
            Assert.False(parsed.NeedMoreData);
            Assert.Equal(s_sizes.Length + 1, parsed.Items.Count);
            for (int i = 0; i < s_sizes.Length; i++)
            {
                Assert.Equal(Opcode.Binary, parsed.Items[i].Opcode);
                Assert.Equal(Payload(s_sizes[i]), parsed.Items[i].Payload);
            }

            Assert.Equal(Opcode.Text, parsed.Items[^1].Opcode);
            Assert.Equal("κόσμε 😀", Encoding.UTF8.GetString(parsed.Items[^1].Payload));
        }
    }

    [Fact]
    public async Task FrameReader_BclFragmentedTextWithPongBetweenFragments_Reassembled()
    {
        using var stream = new InMemoryDuplexStream();
        using WebSocket client = CreateClient(stream);
        byte[] text = Encoding.UTF8.GetBytes("a€b😀c" + new string('x', 70_000));

        // Split inside multi-byte characters, and make the BCL answer a ping between the fragments.
        await client.SendAsync(text.AsMemory(0, 2), WebSocketMessageType.Text, false, CancellationToken.None).DefaultTimeout();
        var ping = new ArrayBufferWriter<byte>();
        FrameWriter.WriteFrame(ping, true, Opcode.Ping, "nonce-02"u8);
        FrameWriter.WriteFrame(ping, true, Opcode.Text, "wake"u8);
        stream.Feed(ping.WrittenSpan);
        (WebSocketMessageType _, byte[] wake) = await ReceiveMessageAsync(client).DefaultTimeout();
        Assert.Equal("wake"u8.ToArray(), wake);
        await client.SendAsync(text.AsMemory(2, 7), WebSocketMessageType.Text, false, CancellationToken.None).DefaultTimeout();
        await client.SendAsync(text.AsMemory(9), WebSocketMessageType.Text, true, CancellationToken.None).DefaultTimeout();
        await client.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Binary, true, CancellationToken.None).DefaultTimeout();
        byte[] wire = stream.TakeWritten();

        foreach (ReadOnlySequence<byte> input in Segmentations(wire))
        {
            ClientFrameStream.Parsed parsed = ClientFrameStream.Parse(input);
            Assert.Null(parsed.Error);
            Assert.Equal(3, parsed.Items.Count);
            Assert.Equal(Opcode.Pong, parsed.Items[0].Opcode);
            Assert.Equal("nonce-02"u8.ToArray(), parsed.Items[0].Payload);
            Assert.Equal(Opcode.Text, parsed.Items[1].Opcode);
            Assert.Equal(text, parsed.Items[1].Payload);
            Assert.Equal(Opcode.Binary, parsed.Items[2].Opcode);
            Assert.Empty(parsed.Items[2].Payload);
        }
    }

    [Fact]
    public async Task FrameReader_BclClose_ParsedWithCodeAndReason()
    {
        using var stream = new InMemoryDuplexStream();
        using WebSocket client = CreateClient(stream);

        await client.CloseOutputAsync((System.Net.WebSockets.WebSocketCloseStatus)4000, "game over: κ", CancellationToken.None).DefaultTimeout();

        ClientFrameStream.Parsed parsed = ClientFrameStream.Parse(TestSequence.OneBytePerSegment(stream.TakeWritten()));
        Assert.Null(parsed.Error);
        (Opcode opcode, byte[] payload) = Assert.Single(parsed.Items);
        Assert.Equal(Opcode.Close, opcode);
        Assert.Equal(FrameDecodeResult.Success, CloseFrame.TryParse(payload, out ushort code, out int offset, out _));
        Assert.Equal(4000, code);
        Assert.Equal("game over: κ", Encoding.UTF8.GetString(payload.AsSpan(offset)));
    }

    [Fact]
    public async Task FrameReader_BclMessageOverCap_1009()
    {
        using var stream = new InMemoryDuplexStream();
        using WebSocket client = CreateClient(stream);
        await client.SendAsync(Payload(70_000), WebSocketMessageType.Binary, true, CancellationToken.None).DefaultTimeout();

        ClientFrameStream.Parsed parsed = ClientFrameStream.Parse(new ReadOnlySequence<byte>(stream.TakeWritten()), maxMessageSize: 65_536);

        Assert.Equal(WebSocketCloseCodes.MessageTooBig, parsed.Error?.Code);
        Assert.Empty(parsed.Items);
    }

    [Fact]
    public async Task FrameReader_BclFramesEveryStrictPrefix_NeedMoreData()
    {
        using var stream = new InMemoryDuplexStream();
        using WebSocket client = CreateClient(stream);
        await client.SendAsync(Payload(300), WebSocketMessageType.Binary, true, CancellationToken.None).DefaultTimeout();
        byte[] wire = stream.TakeWritten();

        for (int length = 1; length < wire.Length; length++)
        {
            ClientFrameStream.Parsed parsed = ClientFrameStream.Parse(new ReadOnlySequence<byte>(wire, 0, length));
            Assert.True(parsed.NeedMoreData);
            Assert.Null(parsed.Error);
            Assert.Empty(parsed.Items);
        }
    }

    private static WebSocket CreateClient(Stream stream)
        => WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });

    private static async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveMessageAsync(WebSocket socket)
    {
        var data = new MemoryStream();
        byte[] buffer = new byte[4096];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, CancellationToken.None).DefaultTimeout();
            data.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, data.ToArray());
            }
        }
    }

    private static IEnumerable<ReadOnlySequence<byte>> Segmentations(byte[] wire)
    {
        yield return new ReadOnlySequence<byte>(wire);
        yield return TestSequence.Split(wire, 1);
        yield return TestSequence.Split(wire, 7);
        yield return TestSequence.Split(wire, wire.Length / 2 + 1);
        yield return TestSequence.Create(wire.Chunk(13).ToArray());
        yield return TestSequence.Create(wire.Chunk(4093).ToArray());
    }

    private static byte[] Payload(int size)
    {
        byte[] bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }
}
