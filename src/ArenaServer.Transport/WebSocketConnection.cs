using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using ArenaServer.Transport.Internal;
using ArenaServer.WebSockets;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Transport;

/// <summary>One accepted WebSocket connection: one read loop, one write loop, a bounded outbound message queue, a
/// one-slot snapshot, a control slot and keep-alive (ARCHITECTURE.md §4–5, §10).</summary>
/// <remarks>
/// <see cref="TryEnqueue"/>, <see cref="TrySend"/>, <see cref="TrySetSnapshot"/>, <see cref="Close"/> and
/// <see cref="Abort"/> may be called from any thread and never block; the write loop is the only reader of the queues.
/// Handler callbacks run on the read loop (see <see cref="IWebSocketHandler"/>). <see cref="State"/> is a plain field:
/// the handler synchronizes it itself.
/// </remarks>
public sealed partial class WebSocketConnection
{
    // Few fields on purpose: thousands of idle connections each hold one of these (options, clock, logger and the
    // TLS pipe are one hop away through _transport).
    private readonly TransportConnection _transport;
    private readonly SocketConnection? _direct;
    private readonly IWebSocketHandler _handler;
    private TaskCompletionSource? _completion; // under _gate, created on demand: most connections are never awaited
    private bool _ended;                       // under _gate

    internal WebSocketConnection(TransportConnection transport, IDuplexPipe pipe, IWebSocketHandler handler,
        string? subprotocol, long maxMessageSize, bool pauseReadingWhenBacklogged = false)
    {
        _pauseReadingWhenBacklogged = pauseReadingWhenBacklogged;
        _transport = transport;

        // Plain TCP: the read loop receives from the socket and the write loop sends to it directly, without pipes.
        // TLS keeps both pipes (SslStream decrypts and encrypts through them).
        _direct = pipe as SocketConnection;
        _writerState = _direct is null ? WriterIdle : WriterRunning; // plain TCP: held until the 101 is on the wire
        _handler = handler;
        _gate = _writerWorkItem = new WriterWorkItem(this); // one object serves as both: one fewer per connection
        Subprotocol = subprotocol;
        _validator = new MessageValidator(maxMessageSize);
        _lastPingAt = _time.GetTimestamp();
    }

    private TransportOptions _options => _transport.Options;

    private TimeProvider _time => _transport.Time;

    private ILogger _logger => _transport.Logger;

    /// <summary>Gets the id of the underlying TCP connection.</summary>
    public ConnectionId Id => _transport.Id;

    /// <summary>Gets the subprotocol confirmed in the handshake, or <see langword="null"/>.</summary>
    public string? Subprotocol { get; }

    /// <summary>Gets the client's address.</summary>
    public EndPoint? RemoteEndPoint => _transport.RemoteEndPoint;

    /// <summary>Gets or sets a slot for the handler's per-connection state.</summary>
    public object? State { get; set; }

    /// <summary>Gets a task that completes after the connection has ended and <see cref="IWebSocketHandler.OnClosed"/> ran.</summary>
    public Task Completion
    {
        get
        {
            lock (_gate)
            {
                return _ended ? Task.CompletedTask : (_completion ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    /// <summary>Runs both loops until the connection ends; called once by <see cref="HttpRequestContext.AcceptWebSocketAsync"/>.</summary>
    internal async Task RunAsync()
    {
        TransportLog.WebSocketOpened(_logger, Id, Subprotocol);
        _transport.Listener.Metrics?.WebSocketOpened(Subprotocol);
        try
        {
            if (_direct is not null)
            {
                try
                {
                    await _direct.DetachOutputAsync().ConfigureAwait(false); // the 101 is on the wire before any frame
                }
                finally
                {
                    ReleaseWriter();
                }
            }

            if (InvokeHandler(static (h, c) => h.OnOpened(c)))
            {
                // Plain TCP: the loop below is inlined rather than a method of its own, so a long-lived connection keeps
                // one async frame fewer; every await in this method is a Task except the receive, which keeps the frame
                // small (one awaiter field per awaited type). TLS reads its pipe in ReadPipeAsync.
                if (_direct is null)
                {
                    await ReadPipeAsync().ConfigureAwait(false);
                }
                else
                {
                    await TakeOverInputAsync(_direct).ConfigureAwait(false);
                    bool reading = _received == 0 || ProcessReceived(filled: false);
                    while (reading)
                    {
                        if (_readPaused)
                        {
                            await WaitUntilDrainedAsync().ConfigureAwait(false);
                            _readPaused = false;
                            reading = ProcessReceived(filled: true);
                            continue;
                        }

                        int received;
                        if (_receiveBuffer is null)
                        {
                            // Wait for data before renting, so an idle connection holds no buffer.
                            await _direct.WaitForDataAsync().ConfigureAwait(false);
                            _receiveBuffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
                            received = await _direct.ReceiveAfterWaitAsync(_receiveBuffer).ConfigureAwait(false);
                            if (received < 0)
                            {
                                ReturnReceiveBuffer(); // the wait's signal was stale: nothing came
                                continue;
                            }
                        }
                        else
                        {
                            received = await _direct.ReceiveAsync(_receiveBuffer.AsMemory(_received)).ConfigureAwait(false);
                        }

                        if (received == 0)
                        {
                            MarkLost(CloseReason.ConnectionLost); // FIN: a drop unless a close handshake gave the reason
                            break;
                        }

                        _received += received;
                        reading = ProcessReceived(filled: _received == _receiveBuffer.Length);
                    }
                }
            }
        }
        catch (Exception ex) when (SocketConnection.IsConnectionError(ex))
        {
            MarkLost(CloseReason.ConnectionLost);
        }
        catch (Exception ex)
        {
            TransportLog.UnexpectedError(_logger, Id, "read loop", ex);
            CloseWith(new WebSocketCloseInfo(CloseReason.ServerClosed, WebSocketCloseCodes.InternalServerError, "internal error"),
                dropQueued: true);
        }
        finally
        {
            ReturnMessageBuffer();
            ReturnReceiveBuffer();
        }

        // The read loop is over; unless a close handshake is under way (its Close frame still to be written), the
        // write loop must stop now.
        if (!IsClosing)
        {
            MarkLost(CloseReason.ConnectionLost);
        }

        SignalWrite();
        await WhenWriterFinished().ConfigureAwait(false);
        ReleaseAllQueued();

        WebSocketCloseInfo info = CloseInfo ?? new WebSocketCloseInfo(CloseReason.ConnectionLost, null, null);
        TransportLog.WebSocketClosed(_logger, Id, info.Reason, info.Code);
        _transport.Listener.Metrics?.WebSocketClosed(Subprotocol, info.Code, info.Reason);
        try
        {
            _handler.OnClosed(this, info);
        }
        catch (Exception ex)
        {
            TransportLog.UnexpectedError(_logger, Id, "OnClosed", ex);
        }

        TaskCompletionSource? completion;
        lock (_gate)
        {
            _ended = true;
            completion = _completion;
        }

        completion?.TrySetResult();
    }

    /// <summary>Gets whether this connection's read loop runs on its I/O engine's thread (<see cref="TransportOptions.EpollInline"/>).</summary>
    internal bool RunsInline => _direct?.RunsInline == true;

    private async Task TakeOverInputAsync(SocketConnection direct)
    {
        (_receiveBuffer, _received) = await direct.DetachInputAsync(ReceiveBufferSize).ConfigureAwait(false);
        direct.AllowInlineCompletions(always: _options.EpollInline);
    }

    /// <summary>The TLS read loop, over the decrypting pipe.</summary>
    private async Task ReadPipeAsync()
    {
        PipeReader input = _transport.Pipe.Input;
        while (OnRead(await input.ReadAsync().ConfigureAwait(false)))
        {
            if (_readPaused)
            {
                await WaitUntilDrainedAsync().ConfigureAwait(false);
                _readPaused = false;
            }
        }
    }

    private bool InvokeHandler(Action<IWebSocketHandler, WebSocketConnection> callback)
    {
        try
        {
            callback(_handler, this);
            return true;
        }
        catch (Exception ex)
        {
            // A handler bug ends this connection alone (1011, RFC 6455 §7.4.1), never the read loop's caller.
            TransportLog.UnexpectedError(_logger, Id, "handler", ex);
            CloseWith(new WebSocketCloseInfo(CloseReason.ServerClosed, WebSocketCloseCodes.InternalServerError, "internal error"),
                dropQueued: true);
            return false;
        }
    }
}
