namespace ArenaServer.EchoBench;

/// <summary>
/// Which client drives the load (<c>--client</c>). <see cref="Epoll"/> (the default on Linux): our own epoll loop on a
/// dedicated thread with <c>recv</c>/<c>send</c> calls, the cheapest client we have, so that as much as possible of
/// the shared cores goes to the server under test. <see cref="Sockets"/>: async loops on the runtime's
/// <see cref="System.Net.Sockets.Socket"/> (the client of runs 1–10).
/// </summary>
internal enum BenchClient
{
    Epoll,
    Sockets,
}
