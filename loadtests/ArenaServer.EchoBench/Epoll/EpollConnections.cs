using System.Diagnostics;

namespace ArenaServer.EchoBench.Epoll;

/// <summary>Opens the epoll client's connections one after another (a synchronous connect and handshake each, so
/// the server's accept backlog never overflows) and closes them.</summary>
internal static class EpollConnections
{
    /// <summary>The longest a receive loop sleeps before it checks whether the run is over.</summary>
    private const int WaitTimeoutMilliseconds = 100;

    public static async Task<(EpollWebSocket[] Sockets, int Failed, string? FirstError)> OpenAsync(
        LoopbackTarget target, int count, int bufferSize, CancellationToken cancellationToken)
    {
        return await Task.Run(() =>
        {
            List<EpollWebSocket> sockets = new(count);
            int failed = 0;
            string? firstError = null;
            for (int i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    sockets.Add(EpollWebSocket.Connect(target, bufferSize));
                }
                catch (Exception ex)
                {
                    failed++;
                    firstError ??= $"{ex.GetType().Name}: {ex.Message}";
                }
            }

            return (sockets.ToArray(), failed, firstError);
        }, cancellationToken);
    }

    public static void CloseAll(IEnumerable<EpollWebSocket> sockets)
    {
        foreach (EpollWebSocket socket in sockets)
        {
            socket.Close();
        }
    }

    /// <summary>Deals <paramref name="sockets"/> round-robin into <paramref name="groups"/> groups (one per thread).</summary>
    public static EpollWebSocket[][] Partition(EpollWebSocket[] sockets, int groups)
    {
        groups = Math.Clamp(groups, 1, Math.Max(1, sockets.Length));
        return Enumerable.Range(0, groups)
            .Select(g => sockets.Where((_, i) => i % groups == g).ToArray())
            .ToArray();
    }

    /// <summary>
    /// One client thread's receive loop: registers <paramref name="group"/> in an epoll set, then, while
    /// <paramref name="keepRunning"/> says so, waits for readable connections and calls <paramref name="onReceived"/>
    /// with the index of each one whose <see cref="EpollWebSocket.Receive"/> got bytes. After an event it polls for
    /// <paramref name="spinTicks"/> before it sleeps again (at most <see cref="WaitTimeoutMilliseconds"/>, so a stop is
    /// seen soon).
    /// </summary>
    public static void Receive(EpollWebSocket[] group, Func<bool> keepRunning, Action<int> onReceived, long spinTicks = 0)
    {
        using EpollSet epoll = new(group.Length);
        for (int i = 0; i < group.Length; i++)
        {
            epoll.Add(group[i].Descriptor, i);
        }

        int[] ready = new int[Math.Min(group.Length, 1024)];
        long lastEvent = 0;
        while (keepRunning())
        {
            bool spinning = spinTicks > 0 && Stopwatch.GetTimestamp() - lastEvent < spinTicks;
            int count = epoll.Wait(ready, spinning ? 0 : WaitTimeoutMilliseconds);
            for (int k = 0; k < count; k++)
            {
                if (group[ready[k]].Receive())
                {
                    onReceived(ready[k]);
                }
            }

            if (count > 0 && spinTicks > 0)
            {
                lastEvent = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>Starts one background thread per loop and returns a task that completes when all have ended.</summary>
    public static Task RunOnThreads(IEnumerable<Action> loops, string name)
    {
        List<Task> ended = [];
        int index = 0;
        foreach (Action loop in loops)
        {
            TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
            Thread thread = new(() =>
            {
                try
                {
                    loop();
                }
                finally
                {
                    done.TrySetResult();
                }
            })
            {
                IsBackground = true,
                Name = $"{name} {index++}",
            };
            thread.Start();
            ended.Add(done.Task);
        }

        return Task.WhenAll(ended);
    }
}
