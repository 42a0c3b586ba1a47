namespace ArenaServer.EchoBench;

/// <summary>Opens many WebSocket connections with a bounded number of handshakes in flight.</summary>
internal static class ConnectionOpener
{
    // Keeps the server's accept backlog (512 by default on both servers) from overflowing, which would turn into
    // SYN retransmissions and one-second stalls instead of a measurement.
    private const int MaxConcurrentHandshakes = 64;

    /// <summary>Opens <paramref name="count"/> connections; the slots of failed ones are null and counted.</summary>
    public static async Task<(RawWebSocket?[] Sockets, int Failed, string? FirstError)> OpenAsync(
        LoopbackTarget target, int count, int bufferSize, CancellationToken cancellationToken)
    {
        RawWebSocket?[] sockets = new RawWebSocket?[count];
        int failed = 0;
        string? firstError = null;
        using SemaphoreSlim gate = new(MaxConcurrentHandshakes);
        Task[] tasks = new Task[count];
        for (int i = 0; i < count; i++)
        {
            await gate.WaitAsync(cancellationToken);
            int index = i;
            tasks[i] = Task.Run(async () =>
            {
                try
                {
                    using CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(TimeSpan.FromSeconds(15));
                    sockets[index] = await RawWebSocket.ConnectAsync(target, bufferSize, timeout.Token);
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, $"{ex.GetType().Name}: {ex.Message}", null);
                }
                finally
                {
                    gate.Release();
                }
            }, cancellationToken);
        }

        await Task.WhenAll(tasks);
        return (sockets, failed, firstError);
    }

    /// <summary>Closes every open connection, a bounded number at a time.</summary>
    public static async Task CloseAllAsync(IEnumerable<RawWebSocket?> sockets)
    {
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(10));
        await Parallel.ForEachAsync(
            sockets,
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentHandshakes, CancellationToken = CancellationToken.None },
            async (socket, _) =>
            {
                if (socket is not null)
                {
                    await socket.CloseAsync(timeout.Token);
                }
            });
    }
}
