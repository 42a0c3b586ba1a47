using System.Diagnostics;

namespace ArenaServer.EchoBench;

/// <summary>
/// Echo: every connection runs a closed loop (send one binary message, await its echo, repeat) through a warm-up and
/// a measured window; each round trip of the window goes into the connection's own histogram.
/// </summary>
internal sealed class EchoBenchmark
{
    private readonly LoopbackTarget _target;
    private readonly string _server;
    private readonly int _connections;
    private readonly int _messageSize;
    private readonly TimeSpan _warmUp;
    private readonly TimeSpan _duration;
    private readonly int? _serverPid;
    private readonly RunPhase _phase = new();

    public EchoBenchmark(LoopbackTarget target, string server, int connections, int messageSize, TimeSpan warmUp,
        TimeSpan duration, int? serverPid)
    {
        _target = target;
        _server = server;
        _connections = connections;
        _messageSize = messageSize;
        _warmUp = warmUp;
        _duration = duration;
        _serverPid = serverPid;
    }

    public async Task<EchoResult> RunAsync(CancellationToken cancellationToken)
    {
        (RawWebSocket?[] sockets, int failed, string? firstError) =
            await ConnectionOpener.OpenAsync(_target, _connections, _messageSize + 64, cancellationToken);
        using CancellationTokenSource loopsCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            ConnectionLoop[] loops = sockets.Where(s => s is not null).Select(s => new ConnectionLoop(s!, _messageSize)).ToArray();
            Task[] running = loops.Select(loop => Task.Run(() => loop.RunAsync(_phase, loopsCancellation.Token))).ToArray();

            await Task.Delay(_warmUp, cancellationToken);
            double serverCpuStart = _serverPid is int pid ? ProcessStats.CpuSeconds(pid) : 0;
            double clientCpuStart = ProcessStats.CpuSeconds(Environment.ProcessId);
            long start = Stopwatch.GetTimestamp();
            _phase.MoveTo(RunPhase.Measuring);

            await Task.Delay(_duration, cancellationToken);
            _phase.MoveTo(RunPhase.Stopped);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            double serverCpu = _serverPid is int pid2 ? ProcessStats.CpuSeconds(pid2) - serverCpuStart : 0;
            double clientCpu = ProcessStats.CpuSeconds(Environment.ProcessId) - clientCpuStart;

            // Every loop finishes its round trip in flight; a stuck one is cancelled rather than hanging the run.
            loopsCancellation.CancelAfter(TimeSpan.FromSeconds(10));
            await Task.WhenAll(running);   // loops record their own failure and never throw

            LatencyHistogram all = new();
            foreach (ConnectionLoop loop in loops)
            {
                all.Add(loop.Histogram);
                if (loop.Error is not null)
                {
                    failed++;
                    firstError ??= loop.Error;
                }
            }

            return new EchoResult(_server, _connections, _messageSize, elapsed.TotalSeconds, all.Count,
                all.Count / elapsed.TotalSeconds, Micros(all.ValueAtPercentile(50)), Micros(all.ValueAtPercentile(99)),
                Micros(all.ValueAtPercentile(99.9)), Micros(all.Count == 0 ? 0 : all.Max), all.Mean / 1000.0, failed,
                serverCpu, clientCpu, firstError);
        }
        finally
        {
            await ConnectionOpener.CloseAllAsync(sockets);
        }
    }

    private static double Micros(long nanoseconds) => nanoseconds / 1000.0;

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
                        Histogram.Record((long)(elapsed * (1_000_000_000.0 / Stopwatch.Frequency)));
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
