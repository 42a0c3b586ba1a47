using System.Buffers;
using ArenaServer.Transport.Tests.Infrastructure;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport.Tests;

/// <summary>Frame objects and their writers are pooled (issue 4: 0 B per tick): a frame goes back on its last release,
/// exactly once, and the pool stays bounded.</summary>
public sealed class OutboundFramePoolTests
{
    [Fact]
    public void Release_LastReference_FrameReturnsToPoolAndNextRentReusesItAsANewLife()
    {
        var frames = new OutboundFramePool(4);
        OutboundFrame first = OutboundFrame.Create(Opcode.Binary, "one"u8, ArrayPool<byte>.Shared, frames);
        int generation = first.Generation;
        first.AddReference();

        first.Release();
        Assert.Equal(0, frames.Count);
        first.Release();

        Assert.Equal(1, frames.Count);
        OutboundFrame second = OutboundFrame.Create(Opcode.Binary, "two"u8, ArrayPool<byte>.Shared, frames);
        Assert.Same(first, second);
        Assert.Equal(generation + 1, second.Generation);
        Assert.Equal(1, second.ReferenceCount);
        Assert.Equal("two"u8.ToArray(), second.Payload.ToArray());
        second.Release();
    }

    [Fact]
    public void Release_Twice_ThrowsAndThePoolKeepsTheFrameOnce()
    {
        var frames = new OutboundFramePool(4);
        OutboundFrame frame = OutboundFrame.Create(Opcode.Binary, "x"u8, ArrayPool<byte>.Shared, frames);
        frame.Release();

        Assert.Throws<InvalidOperationException>(frame.Release);
        Assert.Equal(1, frames.Count);
        Assert.Same(frame, frames.Rent());
        Assert.NotSame(frame, frames.Rent());
    }

    [Fact]
    public void Released_WhileInPool_EveryUseThrows()
    {
        var frames = new OutboundFramePool(4);
        OutboundFrameWriter writer = OutboundFrame.Rent(Opcode.Binary, 8, ArrayPool<byte>.Shared, frames);
        writer.Write("abc"u8);
        OutboundFrame frame = writer.Complete();
        frame.Release();

        Assert.True(frame.IsReleased);
        Assert.Throws<ObjectDisposedException>(() => frame.Memory);
        Assert.Throws<ObjectDisposedException>(() => frame.Payload);
        Assert.Throws<ObjectDisposedException>(() => frame.AddReference());
        Assert.Throws<ObjectDisposedException>(() => frame.WriteTo(new ArrayBufferWriter<byte>()));
        Assert.Throws<InvalidOperationException>(() => writer.GetSpan());
        Assert.Throws<InvalidOperationException>(() => writer.Complete());
        Assert.Throws<ObjectDisposedException>(
            () => OutboundFrame.RentPrefix(Transport.WebSocketMessageType.Binary, frame));
    }

    [Fact]
    public void Return_BeyondCapacity_KeepsOnlyCapacityAndEveryBufferReturnsOnce()
    {
        var buffers = new CountingArrayPool();
        var frames = new OutboundFramePool(3);
        var live = new List<OutboundFrame>();
        for (int i = 0; i < 10; i++)
        {
            live.Add(OutboundFrame.Create(Opcode.Binary, new byte[i], buffers, frames));
        }

        foreach (OutboundFrame frame in live)
        {
            frame.Release();
        }

        Assert.Equal(3, frames.Count);
        Assert.Equal(3, frames.Capacity);
        Assert.Equal(10, buffers.Rented);
        Assert.Equal(10, buffers.Returned);
        Assert.False(frames.Return(live[0]));
    }

    [Fact]
    public void Shared_ReleasedOnThisThread_NextRentOnThisThreadGetsItBack()
    {
        OutboundFrame frame = OutboundFrame.Create(Transport.WebSocketMessageType.Binary, "a"u8);
        frame.Release();

        // The thread-local ring keeps the frame this thread just released: no other thread can take it meanwhile.
        OutboundFrame again = OutboundFrame.Create(Transport.WebSocketMessageType.Binary, "b"u8);

        Assert.Same(frame, again);
        again.Release();
    }

    [Fact]
    public void Shared_SteadyStateEncodeAndGather_AllocatesNothing()
    {
        byte[] body = new byte[300];
        void Cycle()
        {
            OutboundFrameWriter writer = OutboundFrame.Rent(Transport.WebSocketMessageType.Binary, 64);
            writer.Write(body);
            OutboundFrame shared = writer.Complete();
            shared.AddReference(8);
            for (int i = 0; i < 8; i++)
            {
                OutboundFrameWriter prefix = OutboundFrame.RentPrefix(Transport.WebSocketMessageType.Text, shared);
                prefix.Write("[66,1,2,3,"u8);
                prefix.Complete("]"u8).Release();
            }

            shared.Release();
        }

        for (int i = 0; i < 100; i++)
        {
            Cycle();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Cycle();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Shared_ConcurrentRentAndRelease_NoFrameHasTwoOwnersAndEveryBufferReturnsOnce()
    {
        var buffers = new CountingArrayPool();
        int mixups = 0;
        Parallel.For(0, 4, worker =>
        {
            for (int i = 0; i < 2000; i++)
            {
                byte mark = (byte)((worker * 31) + i);
                OutboundFrameWriter writer = OutboundFrame.Rent(Opcode.Binary, 16, buffers);
                writer.GetSpan(16).Fill(mark);
                writer.Advance(16);
                OutboundFrame frame = writer.Complete();
                frame.AddReference();
                frame.Release();
                Thread.Yield();
                if (frame.Payload.Span.IndexOfAnyExcept(mark) >= 0)
                {
                    Interlocked.Increment(ref mixups);
                }

                frame.Release();
            }
        });

        Assert.Equal(0, mixups);
        Assert.Equal(8000, buffers.Rented);
        Assert.Equal(8000, buffers.Returned);
    }
}
