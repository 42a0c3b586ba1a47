namespace ArenaServer.Transport.Internal;

/// <summary>Creates one thread of an I/O engine (an io_uring ring, an epoll loop) named <paramref name="name"/>, or
/// says why it cannot.</summary>
internal delegate T? IoThreadFactory<T>(string name, out string? error);

/// <summary>The threads of one of our I/O engines (io_uring rings, epoll loops), created on first use for each count
/// and shared by every listener of the process (as the runtime's socket engine is); connections are spread over them
/// round-robin.</summary>
/// <remarks>A thread that cannot be created means the engine is off here (kernel, seccomp, a disabled sysctl): that
/// is remembered, and every later request for this engine gets the same answer. The threads created before the
/// failure stay idle; that only happens on the first request.</remarks>
internal sealed class IoThreads<T>
    where T : class
{
    private static readonly Lock s_lock = new();
    private static readonly Dictionary<int, IoThreads<T>> s_sets = [];
    private static string? s_unavailable;

    private readonly T[] _threads;
    private uint _next;

    private IoThreads(T[] threads) => _threads = threads;

    /// <summary>Gets the threads.</summary>
    public IReadOnlyList<T> Threads => _threads;

    /// <summary>Gets the set of <paramref name="count"/> threads, creating it on first use.</summary>
    /// <param name="count">Threads in the set.</param>
    /// <param name="namePrefix">The threads' names start with it.</param>
    /// <param name="create">Creates one thread.</param>
    /// <param name="error">Why the engine cannot be used here, when it returns <see langword="null"/>.</param>
    public static IoThreads<T>? TryGet(int count, string namePrefix, IoThreadFactory<T> create, out string? error)
    {
        lock (s_lock)
        {
            error = s_unavailable;
            if (error is not null)
            {
                return null;
            }

            if (s_sets.TryGetValue(count, out IoThreads<T>? set))
            {
                return set;
            }

            var created = new T[count];
            for (int i = 0; i < count; i++)
            {
                T? thread = create($"{namePrefix}-{s_sets.Count}-{i}", out error);
                if (thread is null)
                {
                    s_unavailable = error ?? "unknown";
                    return null;
                }

                created[i] = thread;
            }

            set = new IoThreads<T>(created);
            s_sets[count] = set;
            return set;
        }
    }

    /// <summary>The thread for the next connection.</summary>
    public T Next() => _threads[(int)(Interlocked.Increment(ref _next) % (uint)_threads.Length)];
}
