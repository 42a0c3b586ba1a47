using ArenaServer.Transport.Internal;

namespace ArenaServer.Transport;

/// <summary>Read-side backpressure for request/response endpoints (<see cref="WebSocketAcceptOptions.PauseReadingWhenBacklogged"/>):
/// the read loop stops taking frames while the outbound queue is at half its capacity and waits for the write loop to
/// bring it below a quarter, so TCP flow control slows a pipelining client instead of the queue bound closing it.</summary>
public sealed partial class WebSocketConnection
{
    private readonly bool _pauseReadingWhenBacklogged;
    private AsyncSignal? _drainSignal; // created (under _gate) the first time the read loop waits: most connections never do
    private bool _readPaused;   // read loop only
    private bool _drainWanted;  // under _gate

    // Called by the read loop before each frame header, only when the endpoint asked for backpressure.
    private bool IsBacklogged()
    {
        lock (_gate)
        {
            return _acceptingData && _messages is { } queue && queue.Count >= Math.Max(1, _options.OutboundQueueCapacity / 2);
        }
    }

    private async Task WaitUntilDrainedAsync() // a Task, not a ValueTask: see RunAsync (rare, so the allocation is fine)
    {
        while (true)
        {
            lock (_gate)
            {
                if (!_acceptingData || _messages is not { } queue || queue.Count <= _options.OutboundQueueCapacity / 4)
                {
                    _drainWanted = false;
                    return;
                }

                _drainWanted = true;
                _drainSignal ??= new AsyncSignal();
            }

            // Set by the write loop when it dequeues below the low-water mark, or by any close.
            await _drainSignal.WaitAsync().ConfigureAwait(false);
        }
    }
}
