namespace ArenaServer.Transport.Internal.Epoll;

/// <summary>The process's epoll loops (<see cref="IoThreads{T}"/>).</summary>
internal static class EpollEngine
{
    /// <summary>Gets the set of <paramref name="loops"/> loops, creating it on first use.</summary>
    /// <param name="loops">Loops (each with its own thread).</param>
    /// <param name="error">Why epoll cannot be used here, when it returns <see langword="null"/>.</param>
    public static IoThreads<EpollLoop>? TryGet(int loops, out string? error)
        => IoThreads<EpollLoop>.TryGet(loops, "arena-epoll", EpollLoop.TryCreate, out error);
}
