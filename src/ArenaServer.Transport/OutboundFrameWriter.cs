using System.Buffers;
using ArenaServer.Transport.Internal;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport;

/// <summary>Writes the payload of an <see cref="OutboundFrame"/> in place, into a pooled buffer that keeps header
/// space in front, so a broadcast is encoded once and never copied (ARCHITECTURE.md §4).</summary>
/// <remarks>Single-threaded: one producer writes, then calls <see cref="Complete()"/> exactly once. The writer belongs
/// to its frame object and is pooled with it, so it must not be used after <c>Complete</c>.</remarks>
public sealed class OutboundFrameWriter : IBufferWriter<byte>
{
    private readonly OutboundFrame _frame;
    private ArrayPool<byte> _pool = ArrayPool<byte>.Shared;
    private Opcode _opcode;
    private OutboundFrame? _body;
    private byte[]? _buffer;
    private int _written;

    internal OutboundFrameWriter(OutboundFrame frame)
    {
        _frame = frame;
    }

    /// <summary>Gets the number of payload bytes written so far (for a gathered frame, the prefix).</summary>
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

    /// <summary>Writes the frame header in front of the payload and hands the buffer to the frame.</summary>
    /// <returns>The frame, with a reference count of 1.</returns>
    /// <exception cref="InvalidOperationException">Already completed.</exception>
    public OutboundFrame Complete() => Complete([]);

    /// <summary>Completes a frame whose payload ends with <paramref name="suffix"/>: for a gathered frame
    /// (<see cref="OutboundFrame.RentPrefix"/>) it follows the shared body on the wire (the closing <c>]</c> of a JSON
    /// envelope); otherwise it is simply appended.</summary>
    /// <param name="suffix">The last payload bytes.</param>
    /// <returns>The frame, with a reference count of 1.</returns>
    /// <exception cref="InvalidOperationException">Already completed.</exception>
    public OutboundFrame Complete(ReadOnlySpan<byte> suffix)
    {
        if (_body is null && !suffix.IsEmpty)
        {
            suffix.CopyTo(GetSpan(suffix.Length));
            Advance(suffix.Length);
            suffix = [];
        }

        byte[] buffer = suffix.IsEmpty ? CurrentBuffer() : EnsureCapacity(suffix.Length);
        suffix.CopyTo(buffer.AsSpan(ServerFrameHeader.MaxSize + _written));
        OutboundFrame? body = _body;
        int written = _written;
        _buffer = null;
        _body = null;
        _written = 0;
        _frame.Initialize(_pool, buffer, _opcode, written, body, suffix.Length);
        return _frame;
    }

    /// <summary>Starts writing a new life of the frame.</summary>
    internal void Start(ArrayPool<byte> pool, Opcode opcode, int sizeHint, OutboundFrame? body)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        _pool = pool;
        _opcode = opcode;
        _body = body;
        _written = 0;
        _buffer = pool.Rent(ServerFrameHeader.MaxSize + Math.Max(sizeHint, 16));
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
