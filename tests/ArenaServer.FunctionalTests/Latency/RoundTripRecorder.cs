using System.Buffers;
using System.Text;
using ArenaServer.Transport;
using ArenaServer.Transport.Latency;

namespace ArenaServer.FunctionalTests.Latency;

/// <summary>Accepts every WebSocket request and feeds the transport's round-trip samples into an
/// <see cref="RttEstimator"/>, recording the estimate after each sample; awaiting a sample count is the phase barrier.</summary>
/// <remarks>The first connection is the warm-up: its first samples pay for JIT compilation and thread-pool growth along
/// the whole path, and are only counted towards <see cref="WarmedUp"/>. The estimator follows the second connection.</remarks>
internal sealed class RoundTripRecorder : IHttpRequestHandler, IWebSocketHandler
{
    private readonly object _gate = new();
    private readonly List<(TimeSpan Sample, TimeSpan Smoothed, TimeSpan Jitter)> _history = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private RttEstimator _estimator;
    private int _opened;
    private int _warmUpSamples;

    public const int WarmUpSampleCount = 3;

    public TaskCompletionSource WarmedUp { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask HandleAsync(HttpRequestContext context, CancellationToken cancellationToken)
    {
        if (!context.IsWebSocketRequest)
        {
            await context.RespondAsync(404, "text/plain", Encoding.UTF8.GetBytes("not found"), cancellationToken: cancellationToken);
            return;
        }

        await context.AcceptWebSocketAsync(new WebSocketAcceptOptions(), this, cancellationToken);
    }

    public void OnOpened(WebSocketConnection connection) => connection.State = Interlocked.Increment(ref _opened);

    public void OnMessage(WebSocketConnection connection, WebSocketMessageType type, ReadOnlySequence<byte> payload)
    {
    }

    public void OnRoundTripSample(WebSocketConnection connection, TimeSpan rtt)
    {
        if (connection.State is 1)
        {
            if (Interlocked.Increment(ref _warmUpSamples) >= WarmUpSampleCount)
            {
                WarmedUp.TrySetResult();
            }

            return;
        }

        lock (_gate)
        {
            // The 5-line integration the transport/server needs: one estimator per connection, fed here.
            _estimator.AddSample(rtt);
            _history.Add((rtt, _estimator.SmoothedRoundTripTime, _estimator.Jitter));
            foreach ((int count, TaskCompletionSource reached) in _waiters)
            {
                if (_history.Count >= count)
                {
                    reached.TrySetResult();
                }
            }
        }
    }

    /// <summary>Completes when <paramref name="count"/> samples were recorded; returns the estimates after each of them.</summary>
    public async Task<(TimeSpan Sample, TimeSpan Smoothed, TimeSpan Jitter)[]> WaitForSamplesAsync(int count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_history.Count >= count)
            {
                reached.TrySetResult();
            }
            else
            {
                _waiters.Add((count, reached));
            }
        }

        await reached.Task.ConfigureAwait(false);
        lock (_gate)
        {
            return [.. _history.Take(count)];
        }
    }
}
