namespace ArenaServer.Transport.Internal.Uring;

/// <summary>The process's io_uring rings (<see cref="IoThreads{T}"/>).</summary>
internal static class UringEngine
{
    // Submission entries per ring: one loop turn's receives and sends for thousands of busy connections; a burst
    // beyond it is submitted early, never dropped.
    private const uint Entries = 4096;

    /// <summary>Gets the set of <paramref name="rings"/> rings, creating it on first use.</summary>
    /// <param name="rings">Rings (each with its own thread).</param>
    /// <param name="error">Why io_uring cannot be used here, when it returns <see langword="null"/>.</param>
    public static IoThreads<UringRing>? TryGet(int rings, out string? error)
        => IoThreads<UringRing>.TryGet(rings, "arena-uring", static (string name, out string? error) => UringRing.TryCreate(Entries, name, out error), out error);
}
