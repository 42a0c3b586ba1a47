namespace ArenaServer.Transport.Internal.Epoll;

/// <summary>The process's epoll loops, created on first use and shared by every listener (as the runtime's socket
/// engine is); connections are spread over them round-robin.</summary>
internal sealed class EpollEngine
{
    private static readonly Lock s_lock = new();
    private static readonly Dictionary<int, EpollEngine> s_engines = [];
    private static string? s_unavailable;

    private readonly EpollLoop[] _loops;
    private uint _next;

    private EpollEngine(EpollLoop[] loops) => _loops = loops;

    /// <summary>Gets the engine with <paramref name="loops"/> loops, creating it on first use.</summary>
    /// <param name="loops">Loops (each with its own thread).</param>
    /// <param name="error">Why epoll cannot be used here, when it returns <see langword="null"/>.</param>
    public static EpollEngine? TryGet(int loops, out string? error)
    {
        lock (s_lock)
        {
            error = s_unavailable;
            if (error is not null)
            {
                return null;
            }

            if (s_engines.TryGetValue(loops, out EpollEngine? engine))
            {
                return engine;
            }

            var created = new EpollLoop[loops];
            for (int i = 0; i < loops; i++)
            {
                EpollLoop? loop = EpollLoop.TryCreate($"arena-epoll-{s_engines.Count}-{i}", out error);
                if (loop is null)
                {
                    s_unavailable = error;
                    return null;
                }

                created[i] = loop;
            }

            engine = new EpollEngine(created);
            s_engines[loops] = engine;
            return engine;
        }
    }

    /// <summary>Gets how many sockets the loops hold registered.</summary>
    public int Registered => _loops.Sum(loop => loop.Registered);

    /// <summary>The loop for the next connection.</summary>
    public EpollLoop NextLoop() => _loops[(int)(Interlocked.Increment(ref _next) % (uint)_loops.Length)];
}
