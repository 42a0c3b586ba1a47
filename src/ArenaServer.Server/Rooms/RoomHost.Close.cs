using ArenaServer.Abstractions.Rooms;
using ArenaServer.Protocol;

namespace ArenaServer.Server.Rooms;

internal sealed partial class RoomHost<TRoom, TInput, TOutput>
{
    private bool ApplyRequestedClose()
    {
        if (_context.CloseRequested is not { } reason || _closed)
        {
            return false;
        }

        CloseRoom(RoomCloseReason.Requested, CloseCodes.RoomClosed, reason);
        return true;
    }

    /// <summary>Closes the room from the server side (shutdown or drain); tick thread only.</summary>
    /// <param name="reason">Why.</param>
    /// <remarks>A shutdown closes players' connections with 1001 Going Away, like every other connection on SIGTERM
    /// (issue 2's contract; PROTOCOL.md §8: reconnect with backoff, join); 4001 is kept for draining a node.</remarks>
    public void Shutdown(RoomCloseReason reason = RoomCloseReason.ServerShutdown)
        => CloseRoom(reason, reason == RoomCloseReason.ServerShutdown ? CloseCodes.GoingAway : CloseCodes.RoomClosed, "server shutting down");

    private void CloseRoom(RoomCloseReason reason, ushort code, string text)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        CloseReason = reason;
        _context.DiscardPending();
        RoomLog.RoomClosed(_logger, Id, _tickNumber, reason);
        Seat[] seats = [.. _seats];
        foreach (Seat seat in seats)
        {
            seat.Sink?.Close(code, text);
            seat.Sink = null;
        }

        // After a crash no more room code runs: its state cannot be trusted. Otherwise each seat gets its OnLeft.
        LeaveReason leaveReason = reason == RoomCloseReason.ServerShutdown ? LeaveReason.ServerShutdown : LeaveReason.RoomClosed;
        foreach (Seat seat in seats)
        {
            if (reason == RoomCloseReason.Error)
            {
                seat.IsActive = false;
                _tap?.OnLeft(seat.Player, leaveReason);
                continue;
            }

            ReleaseSeat(seat, leaveReason);
        }

        _seats.Clear();
        _seatsById.Clear();
        foreach (string hash in _seatsByTokenHash.Keys)
        {
            _resumes?.Revoked(hash);
        }

        _seatsByTokenHash.Clear();
        _context.PlayerList.Clear();
        _context.SpectatorList.Clear();
        _context.DiscardPending();

        // Completing the writers first means every command written before is drained below and none can follow.
        _control.Writer.TryComplete();
        _lifecycle.Writer.TryComplete();
        _inputs.Writer.TryComplete();
        while (_control.Reader.TryRead(out RoomCommand? pending))
        {
            pending.Completion?.TrySetResult(Refuse(SeatStatus.RoomClosed, "room closed"));
        }

        while (_inputs.Reader.TryRead(out _))
        {
        }
    }

    /// <inheritdoc />
    public async Task RunClosingHookAsync(CancellationToken cancellationToken)
    {
        if (!_closed || Interlocked.Exchange(ref _closingHookStarted, 1) != 0)
        {
            return;
        }

        try
        {
            await _room.OnClosingAsync(CloseReason ?? RoomCloseReason.Requested, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            RoomLog.ClosingFailed(_logger, Id, ex);
        }
    }
}
