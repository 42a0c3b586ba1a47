namespace ArenaServer.Transport.Internal;

/// <summary>Collects the WebSocket writers signalled on this thread while a read loop processes what one receive
/// brought, and starts them together when it is done (<see cref="Exit"/>): a few (an echo reply, a Pong) inline on the
/// read loop's thread, with no thread-pool hop; many (a broadcast from a handler) as thread-pool work items of up to
/// <see cref="ChunkSize"/> writers each, instead of one work item per connection.</summary>
/// <remarks>Thread-static: only the thread that entered the scope adds to it or runs it, so no locking is needed (the
/// chunks come from a small pool behind a lock, taken once per chunk). A writer already queued, running or deferred
/// elsewhere is not added again (its state says so). The hop for large batches is deliberate: frames queued while a
/// chunk waits share a send (ARCHITECTURE.md §4), and chunks let every core send. Measured (EchoBench fanout, 1,000
/// connections, one broadcast in flight): one work item for the whole broadcast ran on one core, 121k frames/s; chunks
/// of 32, 139-141k; chunks of 8, 146-153k (Kestrel 97-119k).</remarks>
internal sealed class DeferredWriters : IThreadPoolWorkItem
{
    // Up to this many writers run inline; a request/response reply touches one.
    private const int InlineLimit = 4;

    // Writers per thread-pool work item for larger batches: an eighth of the dispatches, enough items for every core.
    private const int ChunkSize = 8;

    // Chunks kept for reuse: a broadcast to N connections needs N / ChunkSize of them at once, and one allocated per
    // broadcast (with its list) was ~270 B per chunk on the read loop's thread (IoEngineAllocationTests).
    private const int MaxPooledChunks = 1024;

    private static readonly Lock s_chunkLock = new();
    private static readonly Stack<DeferredWriters> s_chunks = new();

    [ThreadStatic]
    private static DeferredWriters? t_current;

    private readonly List<WebSocketConnection> _writers = new(ChunkSize);
    private int _depth;

    /// <summary>Gets whether this thread is inside a read loop's processing scope.</summary>
    public static bool IsDeferring => t_current is { _depth: > 0 };

    /// <summary>Opens a scope on this thread; scopes nest.</summary>
    public static void Enter() => (t_current ??= new DeferredWriters())._depth++;

    /// <summary>Adds a writer to this thread's open scope; only after <see cref="IsDeferring"/> returned true.</summary>
    public static void Add(WebSocketConnection writer) => t_current!._writers.Add(writer);

    /// <summary>Closes a scope; the outermost one starts the collected writers.</summary>
    public static void Exit()
    {
        DeferredWriters current = t_current!;
        if (--current._depth > 0 || current._writers.Count == 0)
        {
            return;
        }

        if (current._writers.Count <= InlineLimit || Uring.UringRing.IsRingThread)
        {
            // On an io_uring ring's thread every send is only a queued entry, submitted together at the end of the
            // turn: all writers run here, however many.
            current.RunAll();
            return;
        }

        List<WebSocketConnection> writers = current._writers;
        for (int start = 0; start < writers.Count; start += ChunkSize)
        {
            DeferredWriters chunk = RentChunk();
            int end = Math.Min(start + ChunkSize, writers.Count);
            for (int i = start; i < end; i++)
            {
                chunk._writers.Add(writers[i]);
            }

            ThreadPool.UnsafeQueueUserWorkItem(chunk, preferLocal: false);
        }

        writers.Clear();
    }

    public void Execute()
    {
        RunAll();
        lock (s_chunkLock)
        {
            if (s_chunks.Count < MaxPooledChunks)
            {
                s_chunks.Push(this);
            }
        }
    }

    private static DeferredWriters RentChunk()
    {
        lock (s_chunkLock)
        {
            if (s_chunks.TryPop(out DeferredWriters? chunk))
            {
                return chunk;
            }
        }

        return new DeferredWriters();
    }

    private void RunAll()
    {
        try
        {
            foreach (WebSocketConnection writer in _writers)
            {
                writer.RunDeferredWriter();
            }
        }
        finally
        {
            _writers.Clear();
        }
    }
}
