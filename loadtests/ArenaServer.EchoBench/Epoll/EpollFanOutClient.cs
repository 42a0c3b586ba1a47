using System.Buffers.Binary;

namespace ArenaServer.EchoBench.Epoll;

/// <summary>The fan-out client on our own epoll loops: the connections are dealt over <c>--client-threads</c>
/// dedicated threads; the trigger is sent from the benchmark's thread (<see cref="EpollWebSocket.Send"/> locks).</summary>
internal sealed class EpollFanOutClient : IFanOutClient
{
    private readonly EpollWebSocket[] _sockets;
    private readonly EpollWebSocket[][] _groups;
    private readonly LatencyHistogram[] _histograms;
    private volatile bool _stopping;
    private Task _running = Task.CompletedTask;

    private EpollFanOutClient(EpollWebSocket[] sockets, int failed, string? firstError, int threads)
    {
        _sockets = sockets;
        _groups = EpollConnections.Partition(sockets, threads);
        _histograms = _groups.Select(_ => new LatencyHistogram()).ToArray();
        Failed = failed;
        FirstError = firstError;
    }

    public int Open => _sockets.Length;

    public int Failed { get; }

    public string? FirstError { get; }

    public static async Task<EpollFanOutClient> OpenAsync(LoopbackTarget target, int connections, int messageSize,
        int threads, CancellationToken cancellationToken)
    {
        (EpollWebSocket[] sockets, int failed, string? firstError) =
            await EpollConnections.OpenAsync(target, connections, messageSize + 64, cancellationToken);
        return new EpollFanOutClient(sockets, failed, firstError, threads);
    }

    public void Start(FanOutDelivered delivered, Action<Exception> fail)
    {
        _running = EpollConnections.RunOnThreads(
            _groups.Select((group, g) => (Action)(() => Receive(group, _histograms[g], delivered, fail))),
            "epoll fan-out client");
    }

    public ValueTask SendTriggerAsync(byte[] frame, CancellationToken cancellationToken)
    {
        _sockets[0].Send(frame);
        return ValueTask.CompletedTask;
    }

    public async Task<ClientLoops> StopAsync()
    {
        _stopping = true;
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        ClientLoops result = new();
        foreach (LatencyHistogram histogram in _histograms)
        {
            result.Add(histogram, null);
        }

        return result;
    }

    public ValueTask DisposeAsync()
    {
        _stopping = true;
        EpollConnections.CloseAll(_sockets);
        return ValueTask.CompletedTask;
    }

    private void Receive(EpollWebSocket[] group, LatencyHistogram histogram, FanOutDelivered delivered, Action<Exception> fail)
    {
        try
        {
            EpollConnections.Receive(group, () => !_stopping, index =>
            {
                EpollWebSocket socket = group[index];
                while (socket.TryReadMessage(out byte opcode, out int length))
                {
                    ReadOnlySpan<byte> payload = socket.LastFramePayload;
                    if (opcode != RawWebSocket.OpcodeBinary || payload.Length != length || length < sizeof(int))
                    {
                        throw new InvalidDataException(
                            $"Expected one binary frame per broadcast, got opcode {opcode} with {length} bytes.");
                    }

                    delivered(histogram, BinaryPrimitives.ReadInt32LittleEndian(payload));
                }
            });
        }
        catch (Exception ex) when (!_stopping)
        {
            fail(ex);
        }
    }
}
