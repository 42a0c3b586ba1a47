using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ArenaServer.Transport.Internal;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport;

/// <summary>A server-to-client WebSocket frame, framed once into a pooled buffer and written to many connections
/// (encode-once broadcast, ARCHITECTURE.md §4).</summary>
/// <remarks>
/// <para>Server frames are unmasked (RFC 6455 §5.1), so the same bytes are valid for every recipient. The frame
/// starts with one reference; give each recipient one with <see cref="AddReference"/> and let each owner call
/// <see cref="Release"/> once; the last release returns the buffer to its array pool and the frame object itself to a
/// bounded frame pool, so steady-state encoding allocates nothing. <see cref="AddReference"/> and
/// <see cref="Release"/> may be called from any thread.</para>
/// <para><b>After the last release the object belongs to the pool.</b> Until it is reused, <see cref="Memory"/>,
/// <see cref="AddReference"/> and <see cref="Release"/> throw; once reused, a stale reference would see another
/// frame, exactly like a stale array from <see cref="ArrayPool{T}"/>. So never touch a frame after releasing your
/// own reference.</para>
/// <para>A frame made with <see cref="RentPrefix"/> is <b>gathered</b>: its payload is a per-recipient prefix of its
/// own, a body shared with other frames, and an optional suffix; the header covers all three (RFC 6455 §5.2), and the
/// write loop sends the three segments as one frame without copying the body (ARCHITECTURE.md §4, §9).</para>
/// </remarks>
public sealed class OutboundFrame
{
    private readonly OutboundFramePool _home;
    private OutboundFrameWriter? _writer;
    private ArrayPool<byte> _pool = ArrayPool<byte>.Shared;
    private byte[]? _buffer;
    private OutboundFrame? _body;
    private int _start;
    private int _headEnd;
    private int _tailLength;
    private int _references;
    private int _generation;

    internal OutboundFrame(OutboundFramePool home)
    {
        _home = home;
    }

    /// <summary>Gets the whole frame, header and payload, ready for the socket.</summary>
    /// <exception cref="ObjectDisposedException">The last reference was released.</exception>
    /// <exception cref="InvalidOperationException">A gathered frame (see <see cref="RentPrefix"/>) has no single
    /// contiguous memory; use <see cref="WriteTo"/>.</exception>
    public ReadOnlyMemory<byte> Memory
    {
        get
        {
            byte[] buffer = LiveBuffer();
            if (_body is not null)
            {
                throw new InvalidOperationException("A frame with a shared body is written in segments; use WriteTo.");
            }

            return buffer.AsMemory(_start, _headEnd - _start);
        }
    }

    /// <summary>Gets the payload (the frame without its header) of a contiguous frame.</summary>
    /// <exception cref="ObjectDisposedException">The last reference was released.</exception>
    /// <exception cref="InvalidOperationException">A gathered frame.</exception>
    public ReadOnlyMemory<byte> Payload => Memory[(_headEnd - _start - PayloadLength)..];

    /// <summary>Gets the payload length in bytes (without the header); for a gathered frame, prefix, body and suffix.</summary>
    public int PayloadLength { get; private set; }

    /// <summary>Gets the whole frame's length in bytes, header included.</summary>
    public int Length => ServerFrameHeader.MaxSize - _start + PayloadLength;

    internal Opcode Opcode { get; private set; }

    internal bool IsReleased => Volatile.Read(ref _buffer) is null;

    internal int ReferenceCount => Volatile.Read(ref _references);

    /// <summary>Gets how many times this object was handed out by its pool: a test that saw generation g knows the life it
    /// observed has ended when the frame is released or its generation moved on.</summary>
    internal int Generation => Volatile.Read(ref _generation);

    internal bool HasSharedBody => _body is not null;

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
    /// <returns>A writer; call <see cref="OutboundFrameWriter.Complete()"/> to obtain the frame. The writer is pooled
    /// with its frame: do not use it after <c>Complete</c>.</returns>
    public static OutboundFrameWriter Rent(WebSocketMessageType type, int sizeHint = 256)
        => Rent(ToOpcode(type), sizeHint, ArrayPool<byte>.Shared);

    /// <summary>Starts a gathered frame: a small per-recipient prefix written in place, followed on the wire by the
    /// payload of a shared <paramref name="body"/> frame (not copied) and an optional suffix given to
    /// <see cref="OutboundFrameWriter.Complete(ReadOnlySpan{byte})"/>. One WebSocket frame whose header covers all
    /// three (ARCHITECTURE.md §9: per-recipient snapshot prefix, shared body).</summary>
    /// <param name="type">Text or binary (the body's own header is ignored).</param>
    /// <param name="body">A contiguous frame; the new frame takes over one of the caller's references and releases it
    /// with its own last release.</param>
    /// <param name="sizeHint">The expected prefix size.</param>
    /// <returns>A writer for the prefix.</returns>
    /// <exception cref="ObjectDisposedException"><paramref name="body"/> was released.</exception>
    /// <exception cref="ArgumentException"><paramref name="body"/> is itself gathered.</exception>
    public static OutboundFrameWriter RentPrefix(WebSocketMessageType type, OutboundFrame body, int sizeHint = 32)
    {
        ArgumentNullException.ThrowIfNull(body);
        ObjectDisposedException.ThrowIf(body.IsReleased, body);
        if (body.HasSharedBody)
        {
            throw new ArgumentException("A shared body must be a contiguous frame.", nameof(body));
        }

        return OutboundFramePool.Shared.Rent().BeginWrite(ArrayPool<byte>.Shared, ToOpcode(type), sizeHint, body);
    }

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

    /// <summary>Drops one reference; the last one returns the buffer to its pool, releases the shared body of a
    /// gathered frame, and hands this object back to the frame pool.</summary>
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
        if (buffer is null)
        {
            return;
        }

        // Read everything this life owns before the object goes back: another thread may rent it at once.
        OutboundFrame? body = _body;
        ArrayPool<byte> pool = _pool;
        _body = null;
        pool.Return(buffer);
        _home.Return(this);
        body?.Release();
    }

    /// <summary>Writes the whole frame (header, payload; for a gathered frame prefix, shared body and suffix).</summary>
    /// <param name="output">The destination.</param>
    /// <exception cref="ObjectDisposedException">The last reference was released.</exception>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        byte[] buffer = LiveBuffer();
        output.Write(buffer.AsSpan(_start, _headEnd - _start));
        if (_body is { } body)
        {
            output.Write(body.Payload.Span);
            output.Write(buffer.AsSpan(_headEnd, _tailLength));
        }
    }

    /// <summary>Adds the frame's segments to a gathered socket send (the body is referenced, not copied).</summary>
    internal void AddTo(SocketSender batch)
    {
        byte[] buffer = LiveBuffer();
        batch.Add(buffer.AsMemory(_start, _headEnd - _start));
        if (_body is { } body)
        {
            batch.Add(body.Payload);
            batch.Add(buffer.AsMemory(_headEnd, _tailLength));
        }
    }

    internal static OutboundFrame Create(Opcode opcode, ReadOnlySpan<byte> payload, ArrayPool<byte> pool)
        => Create(opcode, payload, pool, OutboundFramePool.Shared);

    internal static OutboundFrame Create(Opcode opcode, ReadOnlySpan<byte> payload, ArrayPool<byte> pool, OutboundFramePool frames)
    {
        byte[] buffer = pool.Rent(ServerFrameHeader.MaxSize + payload.Length);
        payload.CopyTo(buffer.AsSpan(ServerFrameHeader.MaxSize));
        OutboundFrame frame = frames.Rent();
        frame.Initialize(pool, buffer, opcode, payload.Length, null, 0);
        return frame;
    }

    internal static OutboundFrameWriter Rent(Opcode opcode, int sizeHint, ArrayPool<byte> pool)
        => Rent(opcode, sizeHint, pool, OutboundFramePool.Shared);

    internal static OutboundFrameWriter Rent(Opcode opcode, int sizeHint, ArrayPool<byte> pool, OutboundFramePool frames)
        => frames.Rent().BeginWrite(pool, opcode, sizeHint, null);

    /// <summary>Starts a new life: the writer (one per frame object, reused with it) fills the payload in place.</summary>
    internal OutboundFrameWriter BeginWrite(ArrayPool<byte> pool, Opcode opcode, int sizeHint, OutboundFrame? body)
    {
        _writer ??= new OutboundFrameWriter(this);
        _writer.Start(pool, opcode, sizeHint, body);
        return _writer;
    }

    /// <summary>Frames the payload written at <c>buffer[MaxSize..]</c> (own bytes, then <paramref name="tailLength"/>
    /// suffix bytes of a gathered frame) and hands out the first reference.</summary>
    internal void Initialize(ArrayPool<byte> pool, byte[] buffer, Opcode opcode, int ownLength, OutboundFrame? body,
        int tailLength)
    {
        PayloadLength = ownLength + tailLength + (body?.PayloadLength ?? 0);
        _start = ServerFrameHeader.WriteBefore(buffer, opcode, PayloadLength);
        _headEnd = ServerFrameHeader.MaxSize + ownLength;
        _tailLength = tailLength;
        _body = body;
        _pool = pool;
        Opcode = opcode;
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _references, 1);
        Volatile.Write(ref _buffer, buffer); // last: the frame is live from here
    }

    private byte[] LiveBuffer()
    {
        byte[]? buffer = Volatile.Read(ref _buffer);
        ObjectDisposedException.ThrowIf(buffer is null, this);
        return buffer;
    }

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
