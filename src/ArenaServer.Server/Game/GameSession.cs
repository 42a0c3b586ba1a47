using System.Buffers;
using System.Globalization;
using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.MessagePack;
using ArenaServer.Protocol;
using ArenaServer.Server.Rooms;
using ArenaServer.Transport;
using ArenaServer.Transport.Latency;

namespace ArenaServer.Server.Game;

/// <summary>One <c>/ws</c> connection's session: Join/Resume, inputs, Leave and Ping (proto/PROTOCOL.md §5, §6).</summary>
/// <remarks>Messages and RTT samples arrive on the read loop, one at a time; seat outcomes complete on the room's tick
/// thread and the join timer fires on the timer thread, so the state changes under <see cref="_gate"/>. Nothing here
/// blocks: rooms are reached only through their queues.</remarks>
internal sealed class GameSession
{
    private readonly GameWebSocketHandler _handler;
    private readonly WebSocketConnection _connection;
    private readonly WebSocketPlayerSink _sink;
    private readonly bool _isJson;
    private readonly object _gate = new();
    private volatile GameSessionState _state;
    private IRoomHandle? _room;
    private IRoomHandle? _seatingRoom;
    private LeaveReason? _leaveWhenSeated;
    private Player? _player;
    private ITimer? _joinTimer;
    private ArrayBufferWriter<byte>? _transcoded;
    private RttEstimator _rtt;
    private bool _toldSpectator;

    public GameSession(GameWebSocketHandler handler, WebSocketConnection connection)
    {
        _handler = handler;
        _connection = connection;
        _isJson = connection.Subprotocol == Subprotocols.Json;
        _sink = new WebSocketPlayerSink(connection, this, _isJson);
    }

    private long ConnectionId => _connection.Id.Value;

    /// <summary>Starts (or restarts) the join timer: no Join or Resume within <c>JoinTimeout</c> closes with 4010.</summary>
    public void Start()
    {
        ITimer timer = _handler.Time.CreateTimer(static state => ((GameSession)state!).OnJoinTimeout(), this,
            _handler.JoinTimeout, Timeout.InfiniteTimeSpan);
        Interlocked.Exchange(ref _joinTimer, timer)?.Dispose();
    }

    public void OnMessage(WebSocketMessageType type, ReadOnlySequence<byte> payload)
    {
        if (_state == GameSessionState.Ended)
        {
            return;
        }

        // §2: a client must send frames of the negotiated type only.
        if ((type == WebSocketMessageType.Text) != _isJson)
        {
            FailProtocol(_isJson ? "binary frame on arena.v1.json" : "text frame on arena.v1.msgpack");
            return;
        }

        ReadOnlySequence<byte> message = payload;
        if (_isJson)
        {
            _transcoded ??= new ArrayBufferWriter<byte>(256);
            _transcoded.ResetWrittenCount();
            JsonTranscodeStatus transcode = JsonTranscoder.TranscodeToMessagePack(payload, _transcoded, _handler.Limits);
            if (transcode != JsonTranscodeStatus.Success)
            {
                FailProtocol($"invalid arena.v1.json message: {transcode}");
                return;
            }

            message = new ReadOnlySequence<byte>(_transcoded.WrittenMemory);
        }

        EnvelopeStatus status = EnvelopeReader.ReadFromClient(message, _handler.Limits, out Envelope envelope);
        if (status != EnvelopeStatus.Success)
        {
            FailProtocol($"malformed envelope: {status}");
            return;
        }

        switch (envelope.Kind)
        {
            case EnvelopeKind.Join:
                OnJoin(envelope);
                break;
            case EnvelopeKind.Resume:
                OnResume(envelope);
                break;
            case EnvelopeKind.Input:
                OnInput(envelope);
                break;
            case EnvelopeKind.Leave:
                OnLeave();
                break;
            case EnvelopeKind.Ping:
                SendPong(envelope.ClientTimeMs);
                break;
            default:
                // Subscribe/Unsubscribe: channels need token claims, which v1 does not have yet.
                SendError(ErrorCodes.SubscribeDenied, "channels are not available");
                break;
        }
    }

    public void OnRoundTripSample(TimeSpan rtt)
    {
        _rtt.AddSample(rtt);
        TimeSpan smoothed = _rtt.SmoothedRoundTripTime;
        TimeSpan jitter = _rtt.Jitter;
        _handler.Rooms.Metrics?.Jitter(jitter);
        if (Volatile.Read(ref _player) is { } player)
        {
            PlayerLatency.Report(player, smoothed, jitter);
        }

        // §6.5: browsers cannot see WebSocket control frames; this is how they learn their RTT.
        OutboundFrameWriter output = OutboundFrame.Rent(WebSocketMessageType.Binary, 16);
        var writer = new MessagePackWriter(output);
        EnvelopeWriter.WriteLatency(ref writer, smoothed, jitter);
        writer.Flush();
        Send(output.Complete());
    }

    public void OnClosed(WebSocketCloseInfo info)
    {
        StopJoinTimer();
        GameLog.Closed(_handler.Logger, ConnectionId, info.Reason.ToString(), info.Code);
        IRoomHandle? room;
        Player? player;
        lock (_gate)
        {
            GameSessionState previous = _state;
            _state = GameSessionState.Ended;
            if (previous != GameSessionState.Seated)
            {
                // Seating: the outcome's continuation sees Ended and reports the drop itself.
                return;
            }

            room = _room;
            player = _player;
        }

        // An unplanned drop holds the seat (§6.3). After a server-side close (kick, takeover, room closed) the room
        // has already unbound this sink, and it ignores the report.
        DisconnectReason reason = info.Reason switch
        {
            CloseReason.PingTimeout => DisconnectReason.PingTimeout,
            CloseReason.SlowConsumer => DisconnectReason.SlowConsumer,
            _ => DisconnectReason.ConnectionLost,
        };
        room!.TryEnqueueDisconnect(player!, _sink, reason);
    }

    /// <summary>The room bound this connection to a seat (tick thread, before Joined/Resumed is queued).</summary>
    public void OnSeated(SeatOutcome outcome)
    {
        lock (_gate)
        {
            if (_state == GameSessionState.Seating)
            {
                _room = _seatingRoom;
                Volatile.Write(ref _player, outcome.Player);
                _state = GameSessionState.Seated;
            }
        }
    }

    private void OnJoin(in Envelope envelope)
    {
        lock (_gate)
        {
            if (_state != GameSessionState.Lobby)
            {
                SendError(ErrorCodes.AlreadyJoined, "this connection already has a seat");
                return;
            }
        }

        string roomType = envelope.RoomType ?? string.Empty;
        RoomId? roomId = envelope.RoomId.IsPresent
            ? new RoomId(envelope.RoomId.Text ?? envelope.RoomId.Number.ToString(CultureInfo.InvariantCulture))
            : null;
        if (!JoinOptionsReader.TryRead(envelope.Body, out JoinOptions joinOptions, out string? invalid))
        {
            SendError(ErrorCodes.InvalidOptions, invalid!);
            return;
        }

        if (joinOptions.Private && roomId is not null)
        {
            SendError(ErrorCodes.InvalidOptions, "private creates a new room: send it without a room id");
            return;
        }

        byte[] options = envelope.Body.IsEmpty ? [] : envelope.Body.ToArray();
        RoomManager rooms = _handler.Rooms;
        bool found = joinOptions.Private
            ? rooms.TryCreate(roomType, options, isPrivate: true, out IRoomHandle? room)
            : rooms.TryJoinOrCreate(roomType, roomId, options, out room);
        if (!found || room is null)
        {
            bool known = rooms.IsRegistered(roomType);
            rooms.Metrics?.JoinRejected(known ? ErrorCodes.RoomNotFound : ErrorCodes.UnknownRoomType);
            SendError(known ? ErrorCodes.RoomNotFound : ErrorCodes.UnknownRoomType,
                known ? "no such room" : $"unknown room type '{roomType}'");
            return;
        }

        if (!TryBeginSeating(room))
        {
            return;
        }

        var request = new JoinRequest(joinOptions.Name ?? $"player-{ConnectionId}", JoinRequest.EmptyClaims, options,
            joinOptions.Spectate);
        AwaitSeat(room, room.TryEnqueueJoin(request, _sink), isResume: false);
    }

    private void OnResume(in Envelope envelope)
    {
        lock (_gate)
        {
            if (_state != GameSessionState.Lobby)
            {
                SendError(ErrorCodes.AlreadyJoined, "this connection already has a seat");
                return;
            }
        }

        // v1 tokens are strings; any other value cannot name a seat.
        var reader = new MessagePackReader(envelope.ResumeToken, _handler.Limits);
        if (!reader.TryReadString(out string? token) || string.IsNullOrEmpty(token) ||
            !_handler.Rooms.TryFindForResume(token, out IRoomHandle? room) || room is null)
        {
            RejectResume();
            return;
        }

        if (TryBeginSeating(room))
        {
            AwaitSeat(room, room.TryEnqueueResume(token, _sink), isResume: true);
        }
    }

    private void OnInput(in Envelope envelope)
    {
        IRoomHandle? room;
        Player? player;
        lock (_gate)
        {
            if (_state == GameSessionState.Seating)
            {
                // The seat is being bound; the client cannot have seen Joined yet, so this is a racing client.
                return;
            }

            if (_state != GameSessionState.Seated)
            {
                room = null;
                player = null;
            }
            else
            {
                room = _room;
                player = _player;
            }
        }

        if (room is null || player is null)
        {
            FailProtocol("Input before Join or Resume");
            return;
        }

        if (player.IsSpectator)
        {
            // A client bug, not an attack: say so once and drop every input, the connection stays (PROTOCOL.md §5).
            if (!_toldSpectator)
            {
                _toldSpectator = true;
                SendError(ErrorCodes.NotAPlayer, "spectators send no inputs");
            }

            return;
        }

        MessageReadStatus status = room.TryWriteInput(player, envelope.Sequence, envelope.Tag, envelope.Body, out _);
        if (status != MessageReadStatus.Success)
        {
            FailProtocol($"unreadable input with tag {envelope.Tag}: {status}");
        }
    }

    private void OnLeave()
    {
        IRoomHandle? room;
        Player? player;
        lock (_gate)
        {
            room = _state == GameSessionState.Seated ? _room : null;
            player = _player;
            _leaveWhenSeated = _state == GameSessionState.Seating ? LeaveReason.Consented : null;
            _state = GameSessionState.Ended;
        }

        StopJoinTimer();
        if (room is not null && player is not null)
        {
            room.TryEnqueueLeave(player, _sink, LeaveReason.Consented);
        }

        _connection.Close(CloseCodes.Left, "left");
    }

    private bool TryBeginSeating(IRoomHandle room)
    {
        lock (_gate)
        {
            if (_state != GameSessionState.Lobby)
            {
                return false;
            }

            _seatingRoom = room;
            _state = GameSessionState.Seating;
        }

        StopJoinTimer();
        return true;
    }

    private void AwaitSeat(IRoomHandle room, Task<SeatOutcome> outcome, bool isResume)
    {
        if (outcome.IsCompleted)
        {
            OnSeatOutcome(room, outcome, isResume);
            return;
        }

        // The seat is bound in OnSeated already; this only reports failures and seats whose connection ended.
        _ = outcome.ContinueWith(static (task, state) =>
            {
                var (session, room, isResume) = ((GameSession, IRoomHandle, bool))state!;
                session.OnSeatOutcome(room, task, isResume);
            }, (this, room, isResume), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnSeatOutcome(IRoomHandle room, Task<SeatOutcome> task, bool isResume)
    {
        if (!task.IsCompletedSuccessfully)
        {
            GameLog.SeatingFailed(_handler.Logger, ConnectionId, task.Exception?.GetBaseException() ?? new TaskCanceledException(task));
        }

        SeatOutcome? outcome = task.IsCompletedSuccessfully ? task.Result : null;
        if (outcome is { IsSeated: true })
        {
            bool bound;
            LeaveReason? leave;
            lock (_gate)
            {
                // OnSeated normally bound it already; not when the connection ended while the join was queued.
                bound = ReferenceEquals(_player, outcome.Player);
                leave = _leaveWhenSeated;
            }

            if (!bound)
            {
                // Ended before the seat was bound: a Leave or a protocol error releases it, a drop holds it.
                _ = leave is { } reason
                    ? room.TryEnqueueLeave(outcome.Player!, _sink, reason)
                    : room.TryEnqueueDisconnect(outcome.Player!, _sink, DisconnectReason.ConnectionLost);
                return;
            }

            GameLog.Seated(_handler.Logger, ConnectionId, outcome.Player!.Id.Value, room.Id.Value, outcome.Status.ToString());
            _handler.Rooms.Metrics?.SeatAnswered(isResume, outcome.Status);
            return;
        }

        lock (_gate)
        {
            if (_state != GameSessionState.Seating)
            {
                return;
            }

            _state = isResume ? GameSessionState.Ended : GameSessionState.Lobby;
        }

        _handler.Rooms.Metrics?.SeatAnswered(isResume, outcome?.Status ?? SeatStatus.RoomClosed);
        if (isResume)
        {
            _connection.Close(CloseCodes.ResumeRejected, "resume rejected");
            return;
        }

        // Back in the lobby: the client may Join again, within a fresh JoinTimeout.
        Start();
        SeatStatus status = outcome?.Status ?? SeatStatus.RoomClosed;
        string code = status switch
        {
            SeatStatus.RoomFull => ErrorCodes.RoomFull,
            SeatStatus.Locked => ErrorCodes.RoomLocked,
            SeatStatus.RoomBusy => ErrorCodes.RoomBusy,
            SeatStatus.RoomClosed => ErrorCodes.RoomNotFound,
            _ => ErrorCodes.JoinRejected,
        };
        SendError(code, outcome?.Reason ?? "room closed");
    }

    private void RejectResume()
    {
        lock (_gate)
        {
            _state = GameSessionState.Ended;
        }

        StopJoinTimer();
        _handler.Rooms.Metrics?.ResumeRejected();
        _connection.Close(CloseCodes.ResumeRejected, "resume rejected");
    }

    private void OnJoinTimeout()
    {
        if (_state == GameSessionState.Lobby)
        {
            FailProtocol("no Join or Resume in time");
        }
    }

    // §4.1: answer with Error{protocol_error} where possible, then close 4010; the seat is released.
    private void FailProtocol(string reason)
    {
        IRoomHandle? room;
        Player? player;
        lock (_gate)
        {
            if (_state == GameSessionState.Ended)
            {
                return;
            }

            room = _state == GameSessionState.Seated ? _room : null;
            player = _player;
            _leaveWhenSeated = _state == GameSessionState.Seating ? LeaveReason.ProtocolError : null;
            _state = GameSessionState.Ended;
        }

        StopJoinTimer();
        GameLog.ProtocolError(_handler.Logger, ConnectionId, reason);
        _handler.Rooms.Metrics?.SessionProtocolError();
        SendError(ErrorCodes.ProtocolError, reason);
        if (room is not null && player is not null)
        {
            room.TryEnqueueLeave(player, _sink, LeaveReason.ProtocolError);
        }

        _connection.Close(CloseCodes.ProtocolViolation, "protocol error");
    }

    private void SendPong(long clientTimeMs)
    {
        long tick = _state == GameSessionState.Seated ? _room?.CurrentTick ?? 0 : 0;
        OutboundFrameWriter output = OutboundFrame.Rent(WebSocketMessageType.Binary, 32);
        var writer = new MessagePackWriter(output);
        EnvelopeWriter.WritePong(ref writer, clientTimeMs, _handler.Time.GetUtcNow().ToUnixTimeMilliseconds(), tick);
        writer.Flush();
        Send(output.Complete());
    }

    private void SendError(string code, string message)
    {
        OutboundFrameWriter output = OutboundFrame.Rent(WebSocketMessageType.Binary, 32 + message.Length);
        var writer = new MessagePackWriter(output);
        EnvelopeWriter.WriteError(ref writer, code, message);
        writer.Flush();
        Send(output.Complete());
    }

    // Our own envelopes, transcoded for an arena.v1.json connection.
    private void Send(OutboundFrame frame)
    {
        if (_isJson)
        {
            ReadOnlyMemory<byte> memory = frame.Memory;
            var payload = new ReadOnlySequence<byte>(memory[(memory.Length - frame.PayloadLength)..]);
            OutboundFrameWriter json = OutboundFrame.Rent(WebSocketMessageType.Text, frame.PayloadLength * 2);
            JsonTranscodeStatus status = JsonTranscoder.TranscodeToJson(payload, json);
            OutboundFrame text = json.Complete();
            frame.Release();
            if (status != JsonTranscodeStatus.Success)
            {
                text.Release();
                return;
            }

            frame = text;
        }

        if (_connection.TryEnqueue(frame) != EnqueueResult.Enqueued)
        {
            frame.Release();
        }
    }

    private void StopJoinTimer() => Interlocked.Exchange(ref _joinTimer, null)?.Dispose();
}
