namespace ArenaServer.Transport.Internal.Uring;

/// <summary>The process's io_uring rings, created on first use and shared by every listener (as the runtime's
/// socket engine is); connections are spread over them round-robin.</summary>
internal sealed class UringEngine
{
    // Submission entries per ring: one loop turn's receives and sends for thousands of busy connections; a burst
    // beyond it is submitted early, never dropped.
    private const uint Entries = 4096;

    private static readonly Lock s_lock = new();
    private static readonly Dictionary<int, UringEngine> s_engines = [];
    private static string? s_unavailable;

    private readonly UringRing[] _rings;
    private uint _next;

    private UringEngine(UringRing[] rings) => _rings = rings;

    /// <summary>Gets the engine with <paramref name="rings"/> rings, creating it on first use.</summary>
    /// <param name="rings">Rings (each with its own thread).</param>
    /// <param name="error">Why io_uring cannot be used here, when it returns <see langword="null"/>.</param>
    public static UringEngine? TryGet(int rings, out string? error)
    {
        lock (s_lock)
        {
            error = s_unavailable;
            if (error is not null)
            {
                return null;
            }

            if (s_engines.TryGetValue(rings, out UringEngine? engine))
            {
                return engine;
            }

            var created = new UringRing[rings];
            for (int i = 0; i < rings; i++)
            {
                // A ring whose setup fails means io_uring is off here (kernel, seccomp, io_uring_disabled): remember it.
                // The rings created before it keep their threads idle; that only happens on the first call.
                UringRing? ring = UringRing.TryCreate(Entries, $"arena-uring-{s_engines.Count}-{i}", out error);
                if (ring is null)
                {
                    s_unavailable = error;
                    return null;
                }

                created[i] = ring;
            }

            engine = new UringEngine(created);
            s_engines[rings] = engine;
            return engine;
        }
    }

    /// <summary>The ring for the next connection.</summary>
    public UringRing NextRing() => _rings[(int)(Interlocked.Increment(ref _next) % (uint)_rings.Length)];
}
