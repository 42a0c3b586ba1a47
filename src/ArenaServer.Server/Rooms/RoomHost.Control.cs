using System.Threading.Channels;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Protocol;

namespace ArenaServer.Server.Rooms;

internal sealed partial class RoomHost<TRoom, TInput, TOutput>
{
    private readonly List<Seat> _expired = [];

    /// <summary>Applies queued commands now, between ticks, on the room's thread (the harness applies joins and drops
    /// at once instead of at the next tick; the tick number does not move).</summary>
    internal void ApplyCommandsNow()
    {
        if (_closed)
        {
            return;
        }

        ApplyCommands(_control.Reader);
        ApplyCommands(_lifecycle.Reader);
        ApplyRequestedClose();
        RefreshInfo(_time.GetTimestamp());
    }

    /// <summary>Reports a latency sample of <paramref name="player"/>'s connection; any thread. Room code sees it from
    /// the next tick (stable within a tick).</summary>
    /// <param name="player">The player.</param>
    /// <param name="roundTripTime">The smoothed RTT.</param>
    /// <param name="jitter">The RTT variation.</param>
    public static void ReportLatency(Player player, TimeSpan roundTripTime, TimeSpan jitter)
        => PlayerLatency.Report(player, roundTripTime, jitter);

    // Like inputs, only the commands present at tick start: a join storm cannot stretch one tick.
    private void ApplyCommands(ChannelReader<RoomCommand> reader)
    {
        int present = reader.Count;
        for (int i = 0; i < present && !_closed && reader.TryRead(out RoomCommand? command); i++)
        {
            switch (command.Kind)
            {
                case RoomCommandKind.Join:
                    ApplyJoin(command);
                    break;
                case RoomCommandKind.Resume:
                    ApplyResume(command);
                    break;
                case RoomCommandKind.ResumeSeat:
                    ApplyResumeSeat(command);
                    break;
                case RoomCommandKind.Disconnect:
                    ApplyDisconnect(command);
                    break;
                case RoomCommandKind.Leave:
                    ApplyLeave(command);
                    break;
                case RoomCommandKind.ServerEvent:
                    ApplyServerEvent(command);
                    break;
            }

            if (ApplyRequestedClose())
            {
                break;
            }
        }
    }

    private void ApplyJoin(RoomCommand command)
    {
        JoinRequest request = command.JoinRequest!;
        SeatOutcome? refusal = null;
        if (_context.Locked)
        {
            refusal = Refuse(SeatStatus.Locked, "room is locked");
        }
        else if (!request.AsSpectator && _context.PlayerList.Count >= _options.MaxPlayers)
        {
            refusal = Refuse(SeatStatus.RoomFull, "room is full");
        }
        else
        {
            try
            {
                JoinResult result = _room.OnJoining(request);
                FlushOutputs();
                if (!result.IsAccepted)
                {
                    refusal = Refuse(SeatStatus.Rejected, result.Reason);
                }
            }
            catch (Exception ex)
            {
                refusal = Refuse(SeatStatus.Rejected, "room error");
                OnHookFailed(ex, RoomHook.OnJoining);
            }
        }

        if (refusal is not null || _closed)
        {
            refusal ??= Refuse(SeatStatus.RoomClosed, "room closed");
            _tap?.OnCommandApplied(command, refusal);
            command.Completion!.TrySetResult(refusal);
            return;
        }

        var player = new Player(new PlayerId(_nextPlayerId++), request.Name, request.Claims, request.AsSpectator);
        var seat = new Seat(player) { Sink = command.Sink };
        _seats.Add(seat);
        _seatsById.Add(player.Id, seat);
        (request.AsSpectator ? _context.SpectatorList : _context.PlayerList).Add(player);
        string token = IssueToken(seat);
        var outcome = new SeatOutcome(SeatStatus.Joined, player, token, _options.TickRate, _tickNumber, null);
        SendSeatEnvelope(seat, outcome);
        SendFullPresence(seat);
        BroadcastPresenceUpsert(player);
        _tap?.OnCommandApplied(command, outcome);
        command.Completion!.TrySetResult(outcome);
        try
        {
            _room.OnJoined(player);
            FlushOutputs();
        }
        catch (Exception ex)
        {
            OnHookFailed(ex, RoomHook.OnJoined);
        }
    }

    private void ApplyResume(RoomCommand command)
    {
        string hash = ResumeTokens.Hash(command.ResumeToken!);

        // Single use: the token is removed whether or not the rest succeeds.
        if (!_seatsByTokenHash.Remove(hash, out Seat? seat) || !seat.IsActive)
        {
            _resumes?.Revoked(hash);
            command.Completion!.TrySetResult(Refuse(SeatStatus.ResumeRejected, "unknown or used resume token"));
            return;
        }

        seat.TokenHash = null;
        _resumes?.Revoked(hash);
        RebindSeat(seat, command);
    }

    private void ApplyResumeSeat(RoomCommand command)
    {
        if (!_seatsById.TryGetValue(command.PlayerId, out Seat? seat))
        {
            command.Completion!.TrySetResult(Refuse(SeatStatus.ResumeRejected, "no such seat"));
            return;
        }

        if (seat.TokenHash is { } old)
        {
            _seatsByTokenHash.Remove(old);
            _resumes?.Revoked(old);
            seat.TokenHash = null;
        }

        RebindSeat(seat, command);
    }

    private void RebindSeat(Seat seat, RoomCommand command)
    {
        IPlayerSink sink = command.Sink!;
        if (seat.Sink is { } previous && !ReferenceEquals(previous, sink))
        {
            // The old connection is still open: the newest one wins (ARCHITECTURE.md §7.6).
            previous.Close(CloseCodes.SeatTakenOver, "seat taken over by a resume");
        }

        seat.Sink = sink;
        seat.Player.IsConnected = true;
        seat.NeedsFullSnapshot = true;
        string token = IssueToken(seat);
        var outcome = new SeatOutcome(SeatStatus.Resumed, seat.Player, token, _options.TickRate, _tickNumber, null);
        SendSeatEnvelope(seat, outcome);
        SendFullPresence(seat);
        BroadcastPresenceUpsert(seat.Player);
        _tap?.OnCommandApplied(command, outcome);
        command.Completion!.TrySetResult(outcome);
        try
        {
            _room.OnReconnected(seat.Player);
            FlushOutputs();
        }
        catch (Exception ex)
        {
            OnHookFailed(ex, RoomHook.OnReconnected);
        }
    }

    private void ApplyDisconnect(RoomCommand command)
    {
        if (!TryGetBoundSeat(command, out Seat? seat))
        {
            return;
        }

        _tap?.OnCommandApplied(command, null);
        seat.Sink = null;
        seat.Player.IsConnected = false;
        ReconnectDecision decision;
        try
        {
            decision = _room.OnDisconnected(seat.Player, command.DisconnectReason);
            FlushOutputs();
        }
        catch (Exception ex)
        {
            decision = ReconnectDecision.HoldSeat();
            OnHookFailed(ex, RoomHook.OnDisconnected);
        }

        TimeSpan holdFor = decision.GracePeriod ?? _options.ReconnectGracePeriod;
        if (_closed || !seat.IsActive)
        {
            return;
        }

        if (!decision.Holds || holdFor <= TimeSpan.Zero)
        {
            ReleaseSeat(seat, LeaveReason.Released);
            return;
        }

        seat.HeldSince = _time.GetTimestamp();
        seat.HoldFor = holdFor;
        BroadcastPresenceUpsert(seat.Player);
    }

    private void ApplyLeave(RoomCommand command)
    {
        if (TryGetBoundSeat(command, out Seat? seat))
        {
            _tap?.OnCommandApplied(command, null);
            seat.Sink = null;
            ReleaseSeat(seat, command.LeaveReason);
        }
    }

    private void ApplyServerEvent(RoomCommand command)
    {
        _tap?.OnCommandApplied(command, null);
        try
        {
            _room.OnServerEvent(command.ServerEvent!);
            FlushOutputs();
        }
        catch (Exception ex)
        {
            OnHookFailed(ex, RoomHook.OnServerEvent);
        }
    }

    // A notice from a connection counts only while that connection is still the seat's: after a resume the old
    // connection's drop must not disconnect the new one.
    private bool TryGetBoundSeat(RoomCommand command, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Seat? seat)
        => _seatsById.TryGetValue(command.Player!.Id, out seat) && seat.Player == command.Player &&
           seat.Sink is not null && ReferenceEquals(seat.Sink, command.Sink);

    private void ExpireHeldSeats(long now)
    {
        foreach (Seat seat in _seats)
        {
            if (seat.Sink is null && _time.GetElapsedTime(seat.HeldSince, now) >= seat.HoldFor)
            {
                _expired.Add(seat);
            }
        }

        foreach (Seat seat in _expired)
        {
            if (seat.IsActive && seat.Sink is null && !_closed)
            {
                _metrics?.ResumeExpired();
                ReleaseSeat(seat, LeaveReason.ReconnectTimedOut);
            }
        }

        _expired.Clear();
    }

    private void ReleaseSeat(Seat seat, LeaveReason reason)
    {
        if (!seat.IsActive)
        {
            return;
        }

        seat.IsActive = false;
        seat.Player.IsConnected = false;
        _seats.Remove(seat);
        _seatsById.Remove(seat.Player.Id);
        (seat.Player.IsSpectator ? _context.SpectatorList : _context.PlayerList).Remove(seat.Player);
        if (seat.TokenHash is { } hash)
        {
            _seatsByTokenHash.Remove(hash);
            _resumes?.Revoked(hash);
            seat.TokenHash = null;
        }

        RoomLog.SeatReleased(_logger, Id, seat.Player.Id, _tickNumber, reason);
        _tap?.OnLeft(seat.Player, reason);
        BroadcastPresenceRemoval(seat.Player);
        try
        {
            _room.OnLeft(seat.Player, reason);
            FlushOutputs();
        }
        catch (Exception ex)
        {
            OnHookFailed(ex, RoomHook.OnLeft);
        }
    }

    private string IssueToken(Seat seat)
    {
        string token = ResumeTokens.Create(out string hash);
        seat.TokenHash = hash;
        _seatsByTokenHash[hash] = seat;
        _resumes?.Issued(hash, Id);
        return token;
    }

    private SeatOutcome Refuse(SeatStatus status, string? reason) => SeatOutcome.Fail(status, _options.TickRate, _tickNumber, reason);
}
