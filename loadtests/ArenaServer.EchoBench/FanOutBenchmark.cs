using System.Buffers.Binary;
using System.Diagnostics;
using ArenaServer.EchoBench.Epoll;

namespace ArenaServer.EchoBench;

/// <summary>
/// Fan-out: connection 0 sends a trigger whose payload the server broadcasts to every connection (itself included).
/// With a window of 1 the next trigger goes out once all N copies arrived, so each round measures one whole
/// broadcast; a window of W keeps W broadcasts in flight (a server may then batch frames per send). The server's
/// CPU comes from /proc/&lt;pid&gt;/stat over the measured rounds.
/// </summary>
internal sealed class FanOutBenchmark
{
    private readonly LoopbackTarget _target;
    private readonly string _server;
    private readonly int _connections;
    private readonly int _messageSize;
    private readonly int _warmUpRounds;
    private readonly TimeSpan _duration;
    private readonly int _maxRounds;
    private readonly int _serverPid;
    private readonly int _window;
    private readonly BenchClient _client;
    private readonly int _clientThreads;
    private readonly RunPhase _phase = new();

    // One slot per round in flight, indexed by round % (2 × window): round r reuses the slot of round r − 2W, which
    // completed before round r − W was awaited, i.e. before round r was sent.
    private readonly int[] _remaining;
    private readonly long[] _roundStart;
    private readonly TaskCompletionSource[] _roundDone;
    private Exception? _failure;

    public FanOutBenchmark(LoopbackTarget target, string server, int connections, int messageSize, int warmUpRounds,
        TimeSpan duration, int maxRounds, int serverPid, int window, BenchClient client, int clientThreads)
    {
        _client = client;
        _clientThreads = clientThreads;
        _window = window;
        _remaining = new int[2 * window];
        _roundStart = new long[2 * window];
        _roundDone = new TaskCompletionSource[2 * window];
        _target = target;
        _server = server;
        _connections = connections;
        _messageSize = Math.Max(messageSize, sizeof(int));
        _warmUpRounds = warmUpRounds;
        _duration = duration;
        _maxRounds = maxRounds;
        _serverPid = serverPid;
    }

    public async Task<FanOutResult> RunAsync(CancellationToken cancellationToken)
    {
        await using IFanOutClient client = _client == BenchClient.Epoll
            ? await EpollFanOutClient.OpenAsync(_target, _connections, _messageSize, _clientThreads, cancellationToken)
            : await SocketFanOutClient.OpenAsync(_target, _connections, _messageSize, cancellationToken);
        if (client.Failed > 0)
        {
            throw new InvalidOperationException($"{client.Failed} of {_connections} connections failed: {client.FirstError}");
        }

        client.Start(OnDelivered, Fail);
        for (int round = 1; round <= _warmUpRounds; round++)
        {
            await StartRoundAsync(client, round, cancellationToken);
        }

        await DrainAsync(_warmUpRounds, cancellationToken);

        double serverCpuStart = ProcessStats.CpuSeconds(_serverPid);
        double clientCpuStart = ProcessStats.CpuSeconds(Environment.ProcessId);
        long start = Stopwatch.GetTimestamp();
        _phase.MoveTo(RunPhase.Measuring);
        int rounds = 0;
        while (rounds < _maxRounds && Stopwatch.GetElapsedTime(start) < _duration)
        {
            rounds++;
            await StartRoundAsync(client, _warmUpRounds + rounds, cancellationToken);
        }

        await DrainAsync(_warmUpRounds + rounds, cancellationToken);

        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        _phase.MoveTo(RunPhase.Stopped);
        double serverCpu = ProcessStats.CpuSeconds(_serverPid) - serverCpuStart;
        double clientCpu = ProcessStats.CpuSeconds(Environment.ProcessId) - clientCpuStart;
        LatencyHistogram delivery = (await client.StopAsync()).Histogram;

        long frames = (long)rounds * client.Open;
        return new FanOutResult(_server, _connections, _messageSize, _window, rounds, elapsed.TotalSeconds, frames,
            frames / elapsed.TotalSeconds, serverCpu, serverCpu * 1e6 / frames, clientCpu,
            elapsed.TotalMicroseconds / rounds, delivery.ValueAtPercentile(50) / 1000.0,
            delivery.ValueAtPercentile(99) / 1000.0, client.Failed, client.FirstError)
        {
            Client = _client.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>Sends trigger <paramref name="round"/> once round − W has been delivered everywhere.</summary>
    private async Task StartRoundAsync(IFanOutClient client, int round, CancellationToken cancellationToken)
    {
        if (round > _window)
        {
            await AwaitRoundAsync(round - _window, cancellationToken);
        }

        if (Volatile.Read(ref _failure) is Exception failure)
        {
            throw new InvalidOperationException("A receiver failed.", failure);
        }

        byte[] payload = new byte[_messageSize];
        BinaryPrimitives.WriteInt32LittleEndian(payload, round);
        byte[] frame = RawWebSocket.CreateFrame(RawWebSocket.OpcodeBinary, payload);
        int slot = round % _roundDone.Length;
        _roundDone[slot] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining[slot], _connections);
        Volatile.Write(ref _roundStart[slot], Stopwatch.GetTimestamp());
        await client.SendTriggerAsync(frame, cancellationToken);
    }

    private async Task DrainAsync(int lastRound, CancellationToken cancellationToken)
    {
        for (int round = Math.Max(1, lastRound - _window + 1); round <= lastRound; round++)
        {
            await AwaitRoundAsync(round, cancellationToken);
        }
    }

    private async Task AwaitRoundAsync(int round, CancellationToken cancellationToken)
    {
        int slot = round % _roundDone.Length;
        try
        {
            await _roundDone[slot].Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"Broadcast {round} reached only {_connections - Volatile.Read(ref _remaining[slot])} of {_connections} connections in 10 s.");
        }
    }

    private void OnDelivered(LatencyHistogram histogram, int round)
    {
        int slot = round % _roundDone.Length;
        if (_phase.Value == RunPhase.Measuring)
        {
            long elapsed = Stopwatch.GetTimestamp() - Volatile.Read(ref _roundStart[slot]);
            histogram.Record(LatencyHistogram.Nanoseconds(elapsed));
        }

        if (Interlocked.Decrement(ref _remaining[slot]) == 0)
        {
            _roundDone[slot].TrySetResult();
        }
    }

    private void Fail(Exception exception)
    {
        Interlocked.CompareExchange(ref _failure, exception, null);
        foreach (TaskCompletionSource? done in _roundDone)
        {
            done?.TrySetException(exception);
        }
    }
}
