using ArenaServer.Transport.Internal;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport;

/// <summary>Close handshake in both directions (RFC 6455 §5.5.1, §7) and aborts.</summary>
public sealed partial class WebSocketConnection
{
    internal WebSocketCloseInfo? CloseInfo
    {
        get
        {
            lock (_gate)
            {
                return _closeInfo;
            }
        }
    }

    internal bool IsClosing => !_acceptingData;

    /// <summary>Starts the close handshake: messages already queued are sent, then a Close frame; the connection waits
    /// up to <see cref="TransportOptions.CloseTimeout"/> for the client's reply, then closes TCP. Never blocks; later
    /// calls are ignored.</summary>
    /// <param name="code">A close code valid on the wire: 1000–1003, 1007–1014 or 3000–4999.</param>
    /// <param name="reason">An optional reason, truncated to 123 UTF-8 bytes.</param>
    public void Close(ushort code, string? reason)
    {
        if (!CloseFrame.IsValidCloseCode(code))
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "Not a close code that may be sent (RFC 6455 §7.4).");
        }

        CloseWith(new WebSocketCloseInfo(CloseReason.ServerClosed, code, reason), OutboundFrame.CreateClose(code, reason),
            dropQueued: false);
    }

    /// <summary>Drops the TCP connection at once, without a close handshake.</summary>
    public void Abort()
    {
        MarkLost(CloseReason.ServerClosed);
        _transport.Abort();
    }

    internal void CloseForShutdown(ushort code, string reason)
        => CloseWith(new WebSocketCloseInfo(CloseReason.Shutdown, code, reason), OutboundFrame.CreateClose(code, reason),
            dropQueued: false);

    internal void CloseWith(WebSocketCloseInfo info, bool dropQueued)
    {
        ushort code = info.Code ?? WebSocketCloseCodes.NormalClosure;
        CloseWith(info, OutboundFrame.CreateClose(code, info.Description), dropQueued);
    }

    /// <summary>Records why the connection ends (the first reason wins), stops accepting frames, and hands the write
    /// loop a Close frame to send after what is still queued (or instead of it).</summary>
    internal void CloseWith(WebSocketCloseInfo info, OutboundFrame closeFrame, bool dropQueued)
    {
        List<OutboundFrame>? dropped = null;
        bool started = false;
        lock (_gate)
        {
            if (!_acceptingData)
            {
                dropped = [closeFrame];
            }
            else
            {
                _acceptingData = false;
                _closeInfo ??= info;
                _closeFrame = closeFrame;
                _closeDeadline = _time.GetTimestamp() + ToTimestampTicks(_options.CloseTimeout);
                if (dropQueued)
                {
                    TakeAll(ref dropped);
                }

                started = true;
            }
        }

        if (started)
        {
            SignalWrite();
        }

        Volatile.Read(ref _drainSignal)?.Set(); // a read loop paused for backpressure must see the close
        ReleaseAll(dropped);
    }

    /// <summary>The connection is gone (or must go) without a close handshake: nothing more is written.</summary>
    internal void MarkLost(CloseReason reason)
    {
        List<OutboundFrame>? dropped = null;
        lock (_gate)
        {
            _acceptingData = false;
            _lost = true;
            _closeInfo ??= new WebSocketCloseInfo(reason, null, null);
            TakeAll(ref dropped);
            if (_closeFrame is not null)
            {
                (dropped ??= []).Add(_closeFrame);
                _closeFrame = null;
            }
        }

        SignalWrite();
        Volatile.Read(ref _drainSignal)?.Set();
        ReleaseAll(dropped);
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private void FailProtocol(in WebSocketCloseStatus error)
    {
        CloseReason reason = error.Code switch
        {
            WebSocketCloseCodes.MessageTooBig => CloseReason.MessageTooBig,
            WebSocketCloseCodes.InvalidPayloadData => CloseReason.InvalidUtf8,
            _ => CloseReason.ProtocolError,
        };
        TransportLog.ProtocolError(_logger, Id, error.Code, error.Reason);
        _transport.Listener.Metrics?.ProtocolError(reason == CloseReason.ProtocolError ? "framing" : TransportMetrics.ReasonTag(reason));

        // Messages already accepted (e.g. echoes of frames that preceded the bad one) still go out before the Close,
        // as Autobahn's strict cases expect; nothing after the bad frame is delivered.
        CloseWith(new WebSocketCloseInfo(reason, error.Code, error.Reason), OutboundFrame.CreateClose(error.Code, error.Reason),
            dropQueued: false);
    }
}
