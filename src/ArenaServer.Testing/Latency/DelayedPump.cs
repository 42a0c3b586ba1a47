using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;

namespace ArenaServer.Testing.Latency;

/// <summary>One direction of a proxied connection: a read loop stamps each chunk with its delivery time and a write
/// loop delivers the chunks in order when they fall due.</summary>
/// <remarks>Delivery time is <c>max(previous delivery, arrival + delay)</c>, so jitter never reorders bytes (a TCP
/// stream cannot). The bytes between the loops are capped exactly: a read asks for at most the room left, and with no
/// room left the read loop waits for the write loop to deliver, so the proxy stops reading and the sender's TCP window
/// closes. The peer's FIN is forwarded, after the data before it, as a send shutdown.</remarks>
internal sealed class DelayedPump
{
    public const int ChunkSize = 16 * 1024;

    private static readonly TimeSpan s_timerSlack = TimeSpan.FromMilliseconds(4);

    private readonly Socket _source;
    private readonly Socket _destination;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly long _delay;
    private readonly long _jitter;
    private readonly Channel<Chunk> _chunks;
    private readonly int _maxBufferedBytes;
    private readonly object _gate = new();
    private TaskCompletionSource? _roomWaiter;
    private long _lastDeliveryAt;
    private long _bufferedBytes;

    public DelayedPump(Socket source, Socket destination, LatencyProxyOptions options, TimeProvider time, int seed)
    {
        _source = source;
        _destination = destination;
        _time = time;
        _random = new Random(seed);
        _delay = ToTimestampUnits(options.OneWayDelay, time);
        _jitter = ToTimestampUnits(options.Jitter, time);
        _maxBufferedBytes = options.MaxBufferedBytes;

        // Unbounded by count because the byte cap bounds it (at most one chunk per buffered byte). Synchronous
        // continuations let the read loop run an idle write loop inline, saving a thread-pool hop per chunk.
        _chunks = Channel.CreateUnbounded<Chunk>(new UnboundedChannelOptions
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = true,
        });
    }

    /// <summary>Gets the bytes read but not yet delivered.</summary>
    public long BufferedBytes
    {
        get
        {
            lock (_gate)
            {
                return _bufferedBytes;
            }
        }
    }

    /// <summary>Runs both loops until the source's FIN has been delivered; throws when either side fails.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // A failed write loop must also stop the read loop, which may be waiting for room only the writer frees.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task reading = ReadAsync(stop.Token);
        Task writing = WriteAsync(stop.Token);
        Task first = await Task.WhenAny(reading, writing).ConfigureAwait(false);
        if (!first.IsCompletedSuccessfully)
        {
            stop.Cancel();
        }

        await Task.WhenAll(reading, writing).ConfigureAwait(false);
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                int room = await WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
                byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int read;
                try
                {
                    read = await _source.ReceiveAsync(buffer.AsMemory(0, Math.Min(room, ChunkSize)), SocketFlags.None, cancellationToken)
                        .ConfigureAwait(false);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                long deliveryAt = Math.Max(_lastDeliveryAt, _time.GetTimestamp() + NextDelay());
                _lastDeliveryAt = deliveryAt;
                lock (_gate)
                {
                    _bufferedBytes += read;
                }

                // Unbounded: never waits, never fails while the reader is running.
                _chunks.Writer.TryWrite(new Chunk(buffer, read, deliveryAt));
            }

            _chunks.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _chunks.Writer.TryComplete(ex);
            throw;
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (_chunks.Reader.TryRead(out Chunk chunk))
                {
                    try
                    {
                        await DeliverAsync(chunk, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        Release(chunk);
                    }
                }
            }

            _destination.Shutdown(SocketShutdown.Send);
        }
        finally
        {
            // Return whatever is still queued after a failure (the reader has stopped or will stop on cancellation).
            while (_chunks.Reader.TryRead(out Chunk left))
            {
                Release(left);
            }
        }
    }

    private async Task DeliverAsync(Chunk chunk, CancellationToken cancellationToken)
    {
        TimeSpan wait = _time.GetElapsedTime(_time.GetTimestamp(), chunk.DeliveryAt);
        if (_time != TimeProvider.System)
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            // System timers run on a coarse tick and fire up to a few milliseconds late, which would add up to ~5 ms to
            // every round trip; so the timer wakes us early and the last stretch is polled to the exact time.
            if (wait > s_timerSlack)
            {
                await Task.Delay(wait - s_timerSlack, _time, cancellationToken).ConfigureAwait(false);
            }

            // A yielding spin (no Sleep(1), which would reintroduce the coarse tick), bounded by the slack.
            SpinWait spin = default;
            while (_time.GetTimestamp() < chunk.DeliveryAt)
            {
                cancellationToken.ThrowIfCancellationRequested();
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }

        int sent = 0;
        while (sent < chunk.Length)
        {
            sent += await _destination.SendAsync(chunk.Buffer.AsMemory(sent, chunk.Length - sent), SocketFlags.None, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async ValueTask<int> WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                long room = _maxBufferedBytes - _bufferedBytes;
                if (room > 0)
                {
                    return (int)room;
                }

                _roomWaiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _roomWaiter.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Release(Chunk chunk)
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _bufferedBytes -= chunk.Length;
            waiter = _roomWaiter;
            _roomWaiter = null;
        }

        ArrayPool<byte>.Shared.Return(chunk.Buffer);
        waiter?.TrySetResult();
    }

    private long NextDelay()
    {
        if (_jitter == 0)
        {
            return _delay;
        }

        // Uniform in [delay - jitter, delay + jitter], floored at zero (a packet cannot arrive before it was sent).
        double offset = ((_random.NextDouble() * 2) - 1) * _jitter;
        return Math.Max(0, _delay + (long)Math.Round(offset));
    }

    private static long ToTimestampUnits(TimeSpan span, TimeProvider time)
        => (long)Math.Round(span.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond);

    private readonly record struct Chunk(byte[] Buffer, int Length, long DeliveryAt);
}
