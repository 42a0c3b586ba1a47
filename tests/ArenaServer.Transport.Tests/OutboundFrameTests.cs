using System.Net.WebSockets;
using ArenaServer.Transport.Tests.Infrastructure;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport.Tests;

public sealed class OutboundFrameTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(200_000)]
    public async Task Create_AnyLength_BclClientDecodesSamePayload(int length)
    {
        byte[] payload = new byte[length];
        new Random(length).NextBytes(payload);
        OutboundFrame frame = OutboundFrame.Create(Transport.WebSocketMessageType.Binary, payload);

        // Oracle: the BCL's ManagedWebSocket in the client role reads our server frame (CONVENTIONS.md §39).
        using var stream = new MemoryStream(frame.Memory.ToArray());
        using WebSocket client = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false });
        byte[] received = new byte[length + 1];
        int total = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await client.ReceiveAsync(received.AsMemory(total), CancellationToken.None);
            total += result.Count;
        }
        while (!result.EndOfMessage);

        Assert.Equal(System.Net.WebSockets.WebSocketMessageType.Binary, result.MessageType);
        Assert.Equal(payload, received[..total]);
        Assert.Equal(length, frame.PayloadLength);
        frame.Release();
    }

    [Fact]
    public void Release_LastOfManyReferences_ReturnsBufferExactlyOnce()
    {
        var pool = new CountingArrayPool();
        OutboundFrame frame = OutboundFrame.Create(Opcode.Text, "hi"u8, pool);
        frame.AddReference(3);

        frame.Release();
        frame.Release();
        frame.Release();
        Assert.Equal(0, pool.Returned);
        frame.Release();

        Assert.Equal(1, pool.Returned);
        Assert.True(frame.IsReleased);
        Assert.Throws<ObjectDisposedException>(() => frame.Memory);
        Assert.Throws<ObjectDisposedException>(() => frame.AddReference());
        Assert.Throws<InvalidOperationException>(frame.Release);
        Assert.Equal(1, pool.Returned);
    }

    [Fact]
    public void Release_ConcurrentFromManyThreads_ReturnsBufferExactlyOnce()
    {
        var pool = new CountingArrayPool();
        for (int round = 0; round < 50; round++)
        {
            OutboundFrame frame = OutboundFrame.Create(Opcode.Binary, new byte[64], pool);
            int generation = frame.Generation;
            frame.AddReference(15);
            Parallel.For(0, 16, _ => frame.Release());

            // Released on a pool thread, the frame object may already serve another test: its life we saw has ended.
            Assert.True(frame.IsReleased || frame.Generation != generation);
        }

        Assert.Equal(50, pool.Returned);
        Assert.Equal(pool.Rented, pool.Returned);
    }

    [Fact]
    public void Rent_WriteInPlaceBeyondHint_GrowsAndFramesOnce()
    {
        var pool = new CountingArrayPool();
        OutboundFrameWriter writer = OutboundFrame.Rent(Opcode.Binary, 4, pool);
        byte[] payload = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        for (int i = 0; i < payload.Length; i += 100)
        {
            payload.AsSpan(i, 100).CopyTo(writer.GetSpan(100));
            writer.Advance(100);
        }

        OutboundFrame frame = writer.Complete();

        byte[] bytes = frame.Memory.ToArray();
        Assert.Equal(new byte[] { 0x82, 126, 0x03, 0xE8 }, bytes[..4]);
        Assert.Equal(payload, bytes[4..]);
        Assert.Throws<InvalidOperationException>(() => writer.Complete());
        frame.Release();
        Assert.Equal(pool.Rented, pool.Returned);
    }

    [Fact]
    public void CreateClose_LongReason_TruncatedOnCharacterBoundaryWithin125Bytes()
    {
        OutboundFrame frame = OutboundFrame.CreateClose(1000, new string('€', 100));
        byte[] bytes = frame.Memory.ToArray();
        Assert.Equal(0x88, bytes[0]);
        Assert.True(bytes[1] <= 125);
        Assert.Equal(2 + 123 / 3 * 3, bytes[1]);
        Assert.Equal(new byte[] { 0x03, 0xE8 }, bytes[2..4]);
        frame.Release();
    }
}
