namespace ArenaServer.EchoBench;

/// <summary>Keeps open WebSockets idle: each one only answers Pings (inside <see cref="RawWebSocket.ReceiveMessageAsync"/>,
/// with zero-byte reads) until <see cref="StopAsync"/>; a Close or an error counts the connection as lost.</summary>
internal sealed class IdleHolder
{
    private readonly CancellationTokenSource _cancellation;
    private readonly Task[] _tasks;
    private int _lost;

    private IdleHolder(RawWebSocket?[] sockets, CancellationToken cancellationToken)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _tasks = sockets.Where(s => s is not null).Select(s => Task.Run(() => HoldAsync(s!))).ToArray();
    }

    /// <summary>Gets the number of connections the server closed or dropped so far.</summary>
    public int Lost => Volatile.Read(ref _lost);

    public static IdleHolder Start(RawWebSocket?[] sockets, CancellationToken cancellationToken) => new(sockets, cancellationToken);

    public async Task StopAsync()
    {
        await _cancellation.CancelAsync();
        await Task.WhenAll(_tasks);
        _cancellation.Dispose();
    }

    private async Task HoldAsync(RawWebSocket socket)
    {
        socket.UseZeroByteReads = true;
        CancellationToken token = _cancellation.Token;
        try
        {
            // Answers Pings so the server's heartbeat keeps the connection.
            while ((await socket.ReceiveMessageAsync(Memory<byte>.Empty, token)).Opcode != RawWebSocket.OpcodeClose)
            {
            }

            Interlocked.Increment(ref _lost);
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // The run is over.
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _lost);
        }
    }
}
