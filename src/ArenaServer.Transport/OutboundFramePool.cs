namespace ArenaServer.Transport;

/// <summary>A bounded stack of released <see cref="OutboundFrame"/> objects (with their writers), so encoding a room's
/// output every tick allocates nothing in steady state (issue 4: 0 B per tick).</summary>
/// <remarks>Thread-safe: frames are rented on tick threads and read loops and released on write loops. The shared pool
/// first keeps the last <see cref="LocalCapacity"/> frames released on each thread in a thread-local ring (a tick thread
/// whose recipients release at once reuses its own frames without a lock, and a frame just released is never handed to
/// another thread before this one rents again), pushing the oldest out to a fixed array behind a short lock. Beyond
/// <see cref="Capacity"/> a released frame is simply left to the GC, so at most <see cref="Capacity"/> frames plus
/// <see cref="LocalCapacity"/> per releasing thread are kept. Byte buffers always go back to their
/// <see cref="System.Buffers.ArrayPool{T}"/> at release and never stay here.</remarks>
internal sealed class OutboundFramePool
{
    // Enough to cover the frames rented between two write-loop batches on a busy node (8,000 snapshot recipients at
    // 30 Hz spread over many connections); a frame object without its buffer is about 100 bytes.
    private const int DefaultCapacity = 4096;

    [ThreadStatic]
    private static LocalRing? t_local;

    private readonly object _gate = new();
    private readonly OutboundFrame?[] _items;
    private readonly bool _threadLocal;
    private int _count;

    /// <summary>Creates a pool that keeps at most <paramref name="capacity"/> frames (no thread-local rings).</summary>
    /// <param name="capacity">0 or more; 0 disables pooling.</param>
    public OutboundFramePool(int capacity)
        : this(capacity, threadLocal: false)
    {
    }

    private OutboundFramePool(int capacity, bool threadLocal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _items = new OutboundFrame?[capacity];
        _threadLocal = threadLocal;
    }

    /// <summary>Gets the pool every public factory of <see cref="OutboundFrame"/> uses.</summary>
    public static OutboundFramePool Shared { get; } = new(DefaultCapacity, threadLocal: true);

    /// <summary>Gets how many recently released frames each thread keeps for itself (shared pool only).</summary>
    public static int LocalCapacity => LocalRing.Size;

    /// <summary>Gets the most frames the pool keeps.</summary>
    public int Capacity => _items.Length;

    /// <summary>Gets the number of frames waiting in the shared array (thread-local rings not counted).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Takes a released frame, or creates one when the pool is empty.</summary>
    /// <returns>A frame with no buffer and no references; the caller initializes it.</returns>
    public OutboundFrame Rent()
    {
        OutboundFrame? frame = _threadLocal ? t_local?.Pop() : null;
        if (frame is not null)
        {
            return frame;
        }

        lock (_gate)
        {
            if (_count > 0)
            {
                frame = _items[--_count];
                _items[_count] = null;
            }
        }

        return frame ?? new OutboundFrame(this);
    }

    /// <summary>Keeps a frame whose last reference was released, unless the pool is full.</summary>
    /// <param name="frame">The released frame; the caller must not touch it afterwards.</param>
    /// <returns>False when the shared array was full and a frame (this one, or the oldest of this thread's ring) was
    /// left to the GC.</returns>
    public bool Return(OutboundFrame frame)
    {
        if (_threadLocal)
        {
            OutboundFrame? evicted = (t_local ??= new LocalRing()).Push(frame);
            if (evicted is null)
            {
                return true;
            }

            frame = evicted;
        }

        lock (_gate)
        {
            if (_count < _items.Length)
            {
                _items[_count++] = frame;
                return true;
            }
        }

        return false;
    }

    // Newest on top; when full, a push evicts the oldest (which then goes to the shared array).
    private sealed class LocalRing
    {
        public const int Size = 8;

        private readonly OutboundFrame?[] _items = new OutboundFrame?[Size];
        private int _next;
        private int _count;

        public OutboundFrame? Push(OutboundFrame frame)
        {
            OutboundFrame? evicted = _count == Size ? _items[_next] : null;
            _items[_next] = frame;
            _next = (_next + 1) % Size;
            _count = Math.Min(_count + 1, Size);
            return evicted;
        }

        public OutboundFrame? Pop()
        {
            if (_count == 0)
            {
                return null;
            }

            _next = (_next + Size - 1) % Size;
            OutboundFrame? frame = _items[_next];
            _items[_next] = null;
            _count--;
            return frame;
        }
    }
}
