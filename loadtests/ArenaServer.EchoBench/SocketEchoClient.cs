using System.Diagnostics;

namespace ArenaServer.EchoBench;

/// <summary>The echo client on the runtime's sockets: one async closed loop per <see cref="RawWebSocket"/>.</summary>
internal sealed class SocketEchoClient : IEchoClient
{
    private readonly RawWebSocket?[] _sockets;
    private readonly int _failed;
    private readonly string? _firstError;
    private readonly ConnectionLoop[] _loops;
    private CancellationTokenSource? _cancellation;
    private Task[] _running = [];

    private SocketEchoClient(RawWebSocket?[] sockets, int failed, string? firstError, int messageSize)
    {
        _sockets = sockets;
        _failed = failed;
        _firstError = firstError;
        _loops = sockets.Where(s => s is not null).Select(s => new ConnectionLoop(s!, messageSize)).ToArray();
    }

    public static async Task<SocketEchoClient> OpenAsync(LoopbackTarget target, int connections, int messageSize,
        CancellationToken cancellationToken)
    {
        (RawWebSocket?[] sockets, int failed, string? firstError) =
            await ConnectionOpener.OpenAsync(target, connections, messageSize + 64, cancellationToken);
        return new SocketEchoClient(sockets, failed, firstError, messageSize);
    }

    public void Start(RunPhase phase, CancellationToken cancellationToken)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationToken token = _cancellation.Token;
        _running = _loops.Select(loop => Task.Run(() => loop.RunAsync(phase, token))).ToArray();
    }

    public async Task<ClientLoops> StopAsync()
    {
        // Every loop finishes its round trip in flight; a stuck one is cancelled rather than hanging the run.
        _cancellation?.CancelAfter(TimeSpan.FromSeconds(10));
        await Task.WhenAll(_running);   // loops record their own failure and never throw
        ClientLoops result = new();
        result.AddFailures(_failed, _firstError);
        foreach (ConnectionLoop loop in _loops)
        {
            result.Add(loop.Histogram, loop.Error);
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        _cancellation?.Cancel();
        await ConnectionOpener.CloseAllAsync(_sockets);
        _cancellation?.Dispose();
    }

    /// <summary>One connection's closed loop and its own histogram (no sharing, so no contention while measuring).</summary>
    private sealed class ConnectionLoop
    {
        private readonly RawWebSocket _socket;
        private readonly byte[] _payload;
        private readonly byte[] _frame;

        public ConnectionLoop(RawWebSocket socket, int messageSize)
        {
            _socket = socket;
            _payload = new byte[messageSize];
            Random.Shared.NextBytes(_payload);
            _frame = RawWebSocket.CreateFrame(RawWebSocket.OpcodeBinary, _payload);
        }

        public LatencyHistogram Histogram { get; } = new();

        public string? Error { get; private set; }

        public async Task RunAsync(RunPhase phase, CancellationToken cancellationToken)
        {
            try
            {
                // The first echo is compared byte for byte: a fast server that echoes garbage must not win.
                byte[] check = new byte[_payload.Length];
                await RoundTripAsync(check, cancellationToken);
                if (!check.AsSpan().SequenceEqual(_payload))
                {
                    throw new InvalidDataException("The echo differs from the message sent.");
                }

                while (phase.Value != RunPhase.Stopped)
                {
                    long start = Stopwatch.GetTimestamp();
                    await RoundTripAsync(Memory<byte>.Empty, cancellationToken);
                    long elapsed = Stopwatch.GetTimestamp() - start;
                    if (phase.Value == RunPhase.Measuring)
                    {
                        Histogram.Record(LatencyHistogram.Nanoseconds(elapsed));
                    }
                }
            }
            catch (Exception ex)
            {
                Error = $"{ex.GetType().Name}: {ex.Message}";
            }
        }

        private async ValueTask RoundTripAsync(Memory<byte> copyTo, CancellationToken cancellationToken)
        {
            await _socket.SendAsync(_frame, cancellationToken);
            ReceivedMessage message = await _socket.ReceiveMessageAsync(copyTo, cancellationToken);
            if (message.Opcode != RawWebSocket.OpcodeBinary || message.Length != _payload.Length)
            {
                throw new InvalidDataException(
                    $"Expected a {_payload.Length}-byte binary echo, got opcode {message.Opcode} with {message.Length} bytes.");
            }
        }
    }
}
