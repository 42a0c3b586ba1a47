using ArenaServer.Transport.Internal;
using ArenaServer.Transport.Latency;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport;

/// <summary>Heartbeat duties: ping schedule with a random nonce, pong and close timeouts, slow-consumer detection
/// (ARCHITECTURE.md §10, CONVENTIONS.md §26).</summary>
public sealed partial class WebSocketConnection
{
    private const long NoRoundTrip = -1;

    private PingNonce _pingNonce;
    private long _pingSentAt;
    private bool _pingOutstanding;
    private long _lastPingAt;
    private long _lastRoundTripTicks = NoRoundTrip;

    /// <summary>Gets the last measured round-trip time (Ping to matching Pong), or <see langword="null"/> before the first.</summary>
    public TimeSpan? LastRoundTripTime
    {
        get
        {
            long ticks = Volatile.Read(ref _lastRoundTripTicks);
            return ticks == NoRoundTrip ? null : TimeSpan.FromTicks(ticks);
        }
    }

    /// <summary>Called by the heartbeat every min(1 s, PingInterval / 2); O(1) and never blocks.</summary>
    internal void OnHeartbeat(long now)
    {
        long closeDeadline;
        bool pongTimedOut = false;
        bool sendPing = false;
        PingNonce nonce = default;
        lock (_gate)
        {
            closeDeadline = _acceptingData ? 0 : _closeDeadline;
            if (_acceptingData)
            {
                if (_pingOutstanding)
                {
                    pongTimedOut = _time.GetElapsedTime(_pingSentAt, now) >= _options.PongTimeout;
                }
                else if (_time.GetElapsedTime(_lastPingAt, now) >= _options.PingInterval)
                {
                    nonce = PingNonce.Create();
                    _pingNonce = nonce;
                    _pingSentAt = now;
                    _lastPingAt = now;
                    _pingOutstanding = true;
                    sendPing = true;
                }
            }
        }

        if (closeDeadline != 0 && now >= closeDeadline)
        {
            // The peer did not answer our Close (or the write never got out): drop TCP (RFC 6455 §7.1.1).
            TransportLog.ConnectionTimedOut(_logger, Id, "Closing");
            MarkLost(CloseReason.ConnectionLost);
            _transport.Abort();
            return;
        }

        long flushStartedAt = Volatile.Read(ref _flushStartedAt);
        if (flushStartedAt != 0 && _time.GetElapsedTime(flushStartedAt, now) >= _options.SlowConsumerTimeout && _acceptingData)
        {
            _transport.Listener.LogDrop(Id, CloseReason.SlowConsumer, "write stalled");
            CloseWith(new WebSocketCloseInfo(CloseReason.SlowConsumer, TransportCloseCodes.SlowConsumer, "slow consumer"),
                dropQueued: true);
            return;
        }

        if (pongTimedOut)
        {
            _transport.Listener.LogDrop(Id, CloseReason.PingTimeout, "no pong");
            MarkLost(CloseReason.PingTimeout);
            _transport.Abort();
            return;
        }

        if (sendPing)
        {
            Span<byte> payload = stackalloc byte[PingNonce.Size];
            nonce.WriteTo(payload);
            EnqueueControl(CreateControl(Opcode.Ping, payload));
        }
    }

    private void MarkPingWritten()
    {
        long now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_pingOutstanding)
            {
                _pingSentAt = now;
            }
        }
    }

    private void OnPong(ReadOnlySpan<byte> payload)
    {
        TimeSpan rtt;
        lock (_gate)
        {
            // Unsolicited or non-matching Pongs are ignored (RFC 6455 §5.5.3); the nonce stops early pongs.
            if (!_pingOutstanding || !_pingNonce.Matches(payload))
            {
                return;
            }

            _pingOutstanding = false;
            rtt = _time.GetElapsedTime(_pingSentAt);
        }

        Volatile.Write(ref _lastRoundTripTicks, rtt.Ticks);
        _transport.Listener.Metrics?.RoundTrip(rtt);
        try
        {
            _handler.OnRoundTripSample(this, rtt);
        }
        catch (Exception ex)
        {
            TransportLog.UnexpectedError(_logger, Id, "OnRoundTripSample", ex);
        }
    }
}
