using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ArenaServer.Transport.Internal;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport;

/// <summary>A server-to-client WebSocket frame, framed once into a pooled buffer and written to many connections
/// (encode-once broadcast, ARCHITECTURE.md §4).</summary>
/// <remarks>Server frames are unmasked (RFC 6455 §5.1), so the same bytes are valid for every recipient. The frame
/// starts with one reference; give each recipient one with <see cref="AddReference"/> and let each owner call
/// <see cref="Release"/> once; the last release returns the buffer to the pool. <see cref="AddReference"/> and
/// <see cref="Release"/> may be called from any thread; <see cref="Memory"/> must not be read after the caller's
/// own reference was released.</remarks>
public sealed class OutboundFrame
{
    private readonly ArrayPool<byte> _pool;
    private readonly int _start;
    private readonly int _length;
    private byte[]? _buffer;
    private int _references = 1;

    internal OutboundFrame(ArrayPool<byte> pool, byte[] buffer, Opcode opcode, int payloadLength)
    {
        _pool = pool;
        _buffer = buffer;
        Opcode = opcode;
        PayloadLength = payloadLength;
        _start = ServerFrameHeader.WriteBefore(buffer, opcode, payloadLength);
        _length = ServerFrameHeader.MaxSize - _start + payloadLength;
    }

    /// <summary>Gets the whole frame, header and payload, ready for the socket.</summary>
    /// <exception cref="ObjectDisposedException">The last reference was released.</exception>
    public ReadOnlyMemory<byte> Memory
    {
        get
        {
            byte[]? buffer = Volatile.Read(ref _buffer);
            ObjectDisposedException.ThrowIf(buffer is null, this);
            return buffer.AsMemory(_start, _length);
        }
    }

    /// <summary>Gets the payload length in bytes (without the header).</summary>
    public int PayloadLength { get; }

    internal Opcode Opcode { get; }

    internal bool IsReleased => Volatile.Read(ref _buffer) is null;

    internal int ReferenceCount => Volatile.Read(ref _references);

    /// <summary>Frames a copy of <paramref name="payload"/> as one final frame; the result holds one reference.</summary>
    /// <param name="type">Text or binary. Text must already be valid UTF-8.</param>
    /// <param name="payload">The message bytes.</param>
    /// <returns>A frame with a reference count of 1.</returns>
    public static OutboundFrame Create(WebSocketMessageType type, ReadOnlySpan<byte> payload)
        => Create(ToOpcode(type), payload, ArrayPool<byte>.Shared);

    /// <summary>Starts a frame whose payload is written in place (e.g. by a MessagePack writer), with header space
    /// reserved in front so no copy is needed.</summary>
    /// <param name="type">Text or binary.</param>
    /// <param name="sizeHint">The expected payload size; the buffer grows when needed.</param>
    /// <returns>A writer; call <see cref="OutboundFrameWriter.Complete"/> to obtain the frame.</returns>
    public static OutboundFrameWriter Rent(WebSocketMessageType type, int sizeHint = 256)
        => new(ArrayPool<byte>.Shared, ToOpcode(type), sizeHint);

    /// <summary>Adds <paramref name="count"/> references, one per additional owner.</summary>
    /// <param name="count">The number of references to add; positive.</param>
    /// <returns>This frame.</returns>
    /// <exception cref="ObjectDisposedException">The last reference was already released.</exception>
    public OutboundFrame AddReference(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        int current = Volatile.Read(ref _references);
        while (true)
        {
            // Resurrecting a released frame would hand out a buffer the pool may already have lent elsewhere.
            ObjectDisposedException.ThrowIf(current <= 0, this);
            int seen = Interlocked.CompareExchange(ref _references, current + count, current);
            if (seen == current)
            {
                return this;
            }

            current = seen;
        }
    }

    /// <summary>Drops one reference; the last one returns the buffer to the pool.</summary>
    /// <exception cref="InvalidOperationException">More releases than references.</exception>
    public void Release()
    {
        int remaining = Interlocked.Decrement(ref _references);
        if (remaining > 0)
        {
            return;
        }

        if (remaining < 0)
        {
            throw new InvalidOperationException("OutboundFrame was released more times than it was referenced.");
        }

        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            _pool.Return(buffer);
        }
    }

    internal static OutboundFrame Create(Opcode opcode, ReadOnlySpan<byte> payload, ArrayPool<byte> pool)
    {
        byte[] buffer = pool.Rent(ServerFrameHeader.MaxSize + payload.Length);
        payload.CopyTo(buffer.AsSpan(ServerFrameHeader.MaxSize));
        return new OutboundFrame(pool, buffer, opcode, payload.Length);
    }

    internal static OutboundFrameWriter Rent(Opcode opcode, int sizeHint, ArrayPool<byte> pool) => new(pool, opcode, sizeHint);

    /// <summary>Builds a Close frame: a 2-byte code then a UTF-8 reason cut on a character boundary so the payload
    /// stays within 125 bytes (RFC 6455 §5.5, §5.5.1).</summary>
    internal static OutboundFrame CreateClose(ushort code, string? reason)
    {
        const int MaxReasonBytes = 123;
        Span<byte> payload = stackalloc byte[2 + MaxReasonBytes];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        int length = 2;
        if (!string.IsNullOrEmpty(reason))
        {
            length += EncodeTruncated(reason, payload[2..]);
        }

        return Create(Opcode.Close, payload[..length], ArrayPool<byte>.Shared);
    }

    internal static OutboundFrame CreateEmptyClose() => Create(Opcode.Close, [], ArrayPool<byte>.Shared);

    private static int EncodeTruncated(string reason, Span<byte> destination)
    {
        int written = 0;
        foreach (Rune rune in reason.EnumerateRunes())
        {
            if (!rune.TryEncodeToUtf8(destination[written..], out int bytes))
            {
                break;
            }

            written += bytes;
        }

        return written;
    }

    private static Opcode ToOpcode(WebSocketMessageType type) => type switch
    {
        WebSocketMessageType.Text => Opcode.Text,
        WebSocketMessageType.Binary => Opcode.Binary,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown message type."),
    };
}
