using System.Buffers;

namespace ArenaServer.WebSockets.Tests;

/// <summary>The frame paths allocate nothing in steady state (CONVENTIONS.md §7, §21). Counts bytes, never time.</summary>
public class AllocationTests
{
    [Fact]
    public void FramePaths_SteadyState_AllocateNothing()
    {
        byte[] wire = FrameStreamTests.BuildConversation();
        byte[] scratch = new byte[wire.Length];
        var output = new ArrayBufferWriter<byte>(4096);
        RunFramePaths(wire, scratch, output);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            RunFramePaths(wire, scratch, output);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    private static void RunFramePaths(byte[] wire, byte[] scratch, ArrayBufferWriter<byte> output)
    {
        wire.CopyTo(scratch, 0);
        var validator = new MessageValidator(1 << 20);
        var input = new ReadOnlySequence<byte>(scratch);
        while (!input.IsEmpty)
        {
            Assert.True(FrameReader.TryReadHeader(input, out FrameHeader header, out _) == FrameDecodeResult.Success);
            Assert.True(validator.OnFrameHeader(header, out _) == FrameDecodeResult.Success);
            Span<byte> payload = scratch.AsSpan((int)(scratch.Length - input.Length) + header.HeaderLength, (int)header.PayloadLength);
            PayloadMask.Apply(payload, header.MaskKey, 0);
            if (header.Opcode == Opcode.Close)
            {
                Assert.True(CloseFrame.TryParse(payload, out _, out _, out _) == FrameDecodeResult.Success);
            }
            else if (!header.IsControl)
            {
                Assert.True(validator.OnPayload(payload, header.Fin, out _) == FrameDecodeResult.Success);
            }

            input = input.Slice(header.HeaderLength + header.PayloadLength);
        }

        output.ResetWrittenCount();
        FrameWriter.WriteFrame(output, true, Opcode.Binary, scratch.AsSpan(0, 300));
        FrameWriter.WriteClose(output, 1001, "going away");
        Span<byte> accept = stackalloc byte[WebSocketAccept.AcceptLength];
        WebSocketAccept.Compute("dGhlIHNhbXBsZSBub25jZQ==", accept);
    }
}
