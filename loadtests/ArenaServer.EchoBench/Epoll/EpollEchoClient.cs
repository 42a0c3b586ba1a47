using System.Diagnostics;

namespace ArenaServer.EchoBench.Epoll;

/// <summary>
/// The echo client on our own epoll loops: the connections are dealt over <c>--client-threads</c> dedicated threads,
/// each waiting in <c>epoll_wait</c> and answering every echo with the next message on the spot.
/// </summary>
internal sealed class EpollEchoClient : IEchoClient
{
    private readonly EpollWebSocket[] _sockets;
    private readonly int _failed;
    private readonly string? _firstError;
    private readonly EchoLoop[] _loops;
    private Task _running = Task.CompletedTask;

    private EpollEchoClient(EpollWebSocket[] sockets, int failed, string? firstError, int messageSize, int threads,
        int spinMicroseconds)
    {
        _sockets = sockets;
        _failed = failed;
        _firstError = firstError;
        byte[] payload = new byte[messageSize];
        Random.Shared.NextBytes(payload);
        _loops = EpollConnections.Partition(sockets, threads).Select(group => new EchoLoop(group, payload, Stopwatch.Frequency * spinMicroseconds / 1_000_000)).ToArray();
    }

    public static async Task<EpollEchoClient> OpenAsync(LoopbackTarget target, int connections, int messageSize,
        int threads, int spinMicroseconds, CancellationToken cancellationToken)
    {
        (EpollWebSocket[] sockets, int failed, string? firstError) =
            await EpollConnections.OpenAsync(target, connections, messageSize + 64, cancellationToken);
        return new EpollEchoClient(sockets, failed, firstError, messageSize, threads, spinMicroseconds);
    }

    public void Start(RunPhase phase, CancellationToken cancellationToken)
    {
        _running = EpollConnections.RunOnThreads(_loops.Select(loop => (Action)(() => loop.Run(phase))), "epoll echo client");
    }

    public async Task<ClientLoops> StopAsync()
    {
        // A loop notices the stop within one epoll_wait timeout (100 ms).
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        ClientLoops result = new();
        result.AddFailures(_failed, _firstError);
        foreach (EchoLoop loop in _loops)
        {
            result.Add(loop.Histogram, loop.Error);
        }

        return result;
    }

    public ValueTask DisposeAsync()
    {
        EpollConnections.CloseAll(_sockets);
        return ValueTask.CompletedTask;
    }

    /// <summary>One thread's connections and its own histogram.</summary>
    private sealed class EchoLoop(EpollWebSocket[] sockets, byte[] payload, long spinTicks)
    {
        private readonly byte[] _frame = RawWebSocket.CreateFrame(RawWebSocket.OpcodeBinary, payload);
        private readonly long[] _sentAt = new long[sockets.Length];
        private readonly bool[] _checked = new bool[sockets.Length];

        public LatencyHistogram Histogram { get; } = new();

        public string? Error { get; private set; }

        public void Run(RunPhase phase)
        {
            try
            {
                for (int i = 0; i < sockets.Length; i++)
                {
                    _sentAt[i] = Stopwatch.GetTimestamp();
                    sockets[i].Send(_frame);
                }

                EpollConnections.Receive(sockets, () => phase.Value != RunPhase.Stopped, index => OnReceived(index, phase), spinTicks);
            }
            catch (Exception ex)
            {
                Error = $"{ex.GetType().Name}: {ex.Message}";
            }
        }

        private void OnReceived(int index, RunPhase phase)
        {
            EpollWebSocket socket = sockets[index];
            while (socket.TryReadMessage(out byte opcode, out int length))
            {
                long now = Stopwatch.GetTimestamp();
                if (opcode != RawWebSocket.OpcodeBinary || length != payload.Length)
                {
                    throw new InvalidDataException(
                        $"Expected a {payload.Length}-byte binary echo, got opcode {opcode} with {length} bytes.");
                }

                if (!_checked[index])
                {
                    // The first echo is compared (its last frame, i.e. all of it unless the server fragmented it):
                    // a fast server that echoes garbage must not win.
                    ReadOnlySpan<byte> last = socket.LastFramePayload;
                    if (!last.SequenceEqual(payload.AsSpan(payload.Length - last.Length)))
                    {
                        throw new InvalidDataException("The echo differs from the message sent.");
                    }

                    _checked[index] = true;
                }

                int current = phase.Value;
                if (current == RunPhase.Measuring)
                {
                    Histogram.Record(LatencyHistogram.Nanoseconds(now - _sentAt[index]));
                }

                if (current != RunPhase.Stopped)
                {
                    _sentAt[index] = Stopwatch.GetTimestamp();
                    socket.Send(_frame);
                }
            }
        }
    }
}
