using ArenaServer.Server.Hosting;
using ArenaServer.Server.Rooms;

namespace ArenaServer.Server.Admin;

/// <summary>The <c>/healthz</c> verdict (ARCHITECTURE.md §12): 200 <c>{"status":"ok"}</c>; 503
/// <c>{"status":"draining"}</c> once shutdown began; 503 <c>{"status":"stalled"}</c> when a tick thread has not completed
/// a loop for longer than <see cref="StallThreshold"/> (a room hook that never returns stops every room on it).</summary>
/// <remarks>Reads only volatile state; any thread.</remarks>
internal sealed class HealthProbe(TickThreadPool pool, ArenaServerLifecycle lifecycle)
{
    /// <summary>How long a tick thread may go without completing a loop before it counts as stalled.</summary>
    public static readonly TimeSpan StallThreshold = TimeSpan.FromSeconds(5);

    private static readonly byte[] s_ok = """{"status":"ok"}"""u8.ToArray();
    private static readonly byte[] s_draining = """{"status":"draining"}"""u8.ToArray();
    private static readonly byte[] s_stalled = """{"status":"stalled"}"""u8.ToArray();

    /// <summary>Evaluates the server's health.</summary>
    /// <returns>The status code and JSON body.</returns>
    public (int StatusCode, byte[] Body) Check()
    {
        if (lifecycle.IsDraining)
        {
            return (503, s_draining);
        }

        return pool.TryFindStalled(StallThreshold, out _, out _) ? (503, s_stalled) : (200, s_ok);
    }
}
