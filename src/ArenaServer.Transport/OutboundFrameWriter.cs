using System.Buffers;
using ArenaServer.Transport.Internal;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport;

/// <summary>Writes the payload of an <see cref="OutboundFrame"/> in place, into a pooled buffer that keeps header
/// space in front, so a broadcast is encoded once and never copied (ARCHITECTURE.md §4).</summary>
/// <remarks>Single-threaded: one producer writes, then calls <see cref="Complete"/> exactly once.</remarks>
public sealed class OutboundFrameWriter : IBufferWriter<byte>
{
    private readonly ArrayPool<byte> _pool;
    private readonly Opcode _opcode;
    private byte[]? _buffer;
    private int _written;

    internal OutboundFrameWriter(ArrayPool<byte> pool, Opcode opcode, int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        _pool = pool;
        _opcode = opcode;
        _buffer = pool.Rent(ServerFrameHeader.MaxSize + Math.Max(sizeHint, 16));
    }

    /// <summary>Gets the number of payload bytes written so far.</summary>
    public int WrittenCount => _written;

    /// <inheritdoc />
    public void Advance(int count)
    {
        byte[] buffer = CurrentBuffer();
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (ServerFrameHeader.MaxSize + _written + count > buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer returned by GetMemory/GetSpan.");
        }

        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0) => EnsureCapacity(sizeHint).AsMemory(ServerFrameHeader.MaxSize + _written);

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0) => EnsureCapacity(sizeHint).AsSpan(ServerFrameHeader.MaxSize + _written);

    /// <summary>Writes the frame header in front of the payload and hands the buffer to a new frame.</summary>
    /// <returns>The frame, with a reference count of 1.</returns>
    /// <exception cref="InvalidOperationException">Already completed.</exception>
    public OutboundFrame Complete()
    {
        byte[] buffer = CurrentBuffer();
        _buffer = null;
        return new OutboundFrame(_pool, buffer, _opcode, _written);
    }

    private byte[] EnsureCapacity(int sizeHint)
    {
        byte[] buffer = CurrentBuffer();
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        int needed = ServerFrameHeader.MaxSize + _written + Math.Max(sizeHint, 1);
        if (needed <= buffer.Length)
        {
            return buffer;
        }

        byte[] larger = _pool.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan(0, ServerFrameHeader.MaxSize + _written).CopyTo(larger);
        _pool.Return(buffer);
        _buffer = larger;
        return larger;
    }

    private byte[] CurrentBuffer()
        => _buffer ?? throw new InvalidOperationException("The frame was already completed.");
}
