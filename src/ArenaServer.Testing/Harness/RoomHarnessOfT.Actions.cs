using ArenaServer.Abstractions.Rooms;
using ArenaServer.Protocol;
using ArenaServer.Server.Rooms;

namespace ArenaServer.Testing.Harness;

public sealed partial class RoomHarness<TRoom, TInput, TOutput>
{
    /// <summary>Joins a player (anonymous, no options) and requires success.</summary>
    /// <param name="name">The display name.</param>
    /// <returns>The player.</returns>
    /// <exception cref="InvalidOperationException">The join was refused.</exception>
    public HarnessPlayer Join(string name)
    {
        HarnessJoinResult result = TryJoin(JoinRequest.Anonymous(name));
        return result.Player ?? throw new InvalidOperationException($"Join of {name} failed: {result.Status} ({result.Reason}).");
    }

    /// <summary>Joins a spectator and requires success.</summary>
    /// <param name="name">The display name.</param>
    /// <returns>The spectator.</returns>
    public HarnessPlayer JoinSpectator(string name)
    {
        HarnessJoinResult result = TryJoin(JoinRequest.Anonymous(name) with { AsSpectator = true });
        return result.Player ?? throw new InvalidOperationException($"Spectator join of {name} failed: {result.Status} ({result.Reason}).");
    }

    /// <summary>Attempts a join by name.</summary>
    /// <param name="name">The display name.</param>
    /// <returns>The outcome.</returns>
    public HarnessJoinResult TryJoin(string name) => TryJoin(JoinRequest.Anonymous(name));

    /// <summary>Attempts a join with a full request (claims, options, spectator).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The outcome.</returns>
    public HarnessJoinResult TryJoin(JoinRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connection = new HarnessConnection<TOutput>(_outputs);
        Task<SeatOutcome> task = _host.TryEnqueueJoin(request, connection);
        ApplyNow();
        SeatOutcome outcome = Completed(task);
        if (!outcome.IsSeated)
        {
            return new HarnessJoinResult(null, outcome.Status.ToString(), outcome.Reason);
        }

        var player = new HarnessPlayer(outcome.Player!);
        _players.Add(player);
        _connections[player] = [];
        Bind(player, connection);
        return new HarnessJoinResult(player, outcome.Status.ToString(), null);
    }

    /// <summary>Queues an input with the player's next sequence number; it reaches <c>OnTick</c> at the next tick.</summary>
    /// <param name="player">The sender.</param>
    /// <param name="message">The input; encoded and decoded through the input set first.</param>
    /// <returns>Whether the room's input queue took it.</returns>
    public bool Input(HarnessPlayer player, TInput message)
    {
        ArgumentNullException.ThrowIfNull(player);
        uint sequence = player.NextSequence++;
        return Input(player, message, sequence);
    }

    /// <summary>Queues an input with an explicit sequence number.</summary>
    /// <param name="player">The sender.</param>
    /// <param name="message">The input.</param>
    /// <param name="sequence">The sequence number.</param>
    /// <returns>Whether the room's input queue took it.</returns>
    public bool Input(HarnessPlayer player, TInput message, uint sequence)
    {
        ArgumentNullException.ThrowIfNull(player);
        ArgumentNullException.ThrowIfNull(message);
        TInput decoded = RoundTrip(message, out _);
        return _host.TryWriteInput(player.Player, sequence, decoded) == InputWriteResult.Queued;
    }

    /// <summary>Advances the clock by exactly <paramref name="count"/> fixed steps, running one tick per step.</summary>
    /// <param name="count">The number of ticks.</param>
    public void Tick(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (int i = 0; i < count && !_host.IsClosed; i++)
        {
            Clock.Advance(TickInterval);
            _host.Advance();
        }
    }

    /// <summary>Advances the clock by <paramref name="time"/>, waking the room at least once per step as a healthy
    /// tick thread would: every tick that falls due runs.</summary>
    /// <param name="time">The time to pass.</param>
    public void Advance(TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        TimeSpan remaining = time;
        while (remaining > TimeSpan.Zero)
        {
            TimeSpan step = remaining < TickInterval ? remaining : TickInterval;
            Clock.Advance(step);
            _host.Advance();
            remaining -= step;
        }
    }

    /// <summary>Advances the clock by <paramref name="time"/> in one jump and wakes the room once, as after a stalled
    /// tick thread: at most <c>MaxCatchUpTicks</c> ticks run and the rest are skipped and counted.</summary>
    /// <param name="time">The stall.</param>
    /// <returns>The number of ticks run.</returns>
    public int Stall(TimeSpan time)
    {
        Clock.Advance(time);
        return _host.Advance();
    }

    /// <summary>Drops the player's connection without a close frame (socket loss, ping timeout, slow consumer).</summary>
    /// <param name="player">The player.</param>
    /// <param name="reason">The reason the room sees.</param>
    public void Disconnect(HarnessPlayer player, DisconnectReason reason = DisconnectReason.ConnectionLost)
    {
        HarnessConnection<TOutput> connection = Current(player);
        connection.Drop();
        _host.TryEnqueueDisconnect(player.Player, connection, reason);
        ApplyNow();
    }

    /// <summary>Resumes the player's seat on a new connection with its current resume token, and requires success.</summary>
    /// <param name="player">The player.</param>
    public void Resume(HarnessPlayer player)
    {
        ArgumentNullException.ThrowIfNull(player);
        HarnessJoinResult result = TryResume(player.ResumeToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Resume of {player} failed: {result.Status} ({result.Reason}).");
        }
    }

    /// <summary>Attempts a resume with any token (for rejection tests: used, rotated or unknown tokens).</summary>
    /// <param name="resumeToken">The token.</param>
    /// <returns>The outcome; on success the existing <see cref="HarnessPlayer"/> is rebound to the new connection.</returns>
    public HarnessJoinResult TryResume(string resumeToken)
    {
        ArgumentNullException.ThrowIfNull(resumeToken);
        var connection = new HarnessConnection<TOutput>(_outputs);
        Task<SeatOutcome> task = _host.TryEnqueueResume(resumeToken, connection);
        ApplyNow();
        SeatOutcome outcome = Completed(task);
        if (!outcome.IsSeated)
        {
            return new HarnessJoinResult(null, outcome.Status.ToString(), outcome.Reason);
        }

        HarnessPlayer player = _players.Single(p => p.Player == outcome.Player);
        Bind(player, connection);
        return new HarnessJoinResult(player, outcome.Status.ToString(), null);
    }

    /// <summary>The player leaves with consent (Leave envelope): the seat is released at once.</summary>
    /// <param name="player">The player.</param>
    public void Leave(HarnessPlayer player)
    {
        HarnessConnection<TOutput> connection = Current(player);
        _host.TryEnqueueLeave(player.Player, connection, LeaveReason.Consented);
        ApplyNow();
        connection.Close(CloseCodes.Left, "left");
    }

    /// <summary>Publishes a server event to the room (as the publish API would).</summary>
    /// <param name="serverEvent">The event.</param>
    /// <returns>Whether the control queue took it.</returns>
    public bool Publish(ServerEvent serverEvent)
    {
        bool queued = _host.TryEnqueueServerEvent(serverEvent);
        ApplyNow();
        return queued;
    }

    /// <summary>Sets the player's measured latency; room code sees it from the next tick.</summary>
    /// <param name="player">The player.</param>
    /// <param name="roundTripTime">The smoothed RTT.</param>
    /// <param name="jitter">The RTT variation.</param>
    public void SetRoundTripTime(HarnessPlayer player, TimeSpan roundTripTime, TimeSpan jitter = default)
    {
        ArgumentNullException.ThrowIfNull(player);
        RoomHost<TRoom, TInput, TOutput>.ReportLatency(player.Player, roundTripTime, jitter);
        Recording.Current(false, Elapsed).Commands.Add(new RecordedCommand(RecordedCommandKind.Latency,
            player.Id.Value, null, null, [], false, 0, null, roundTripTime.Ticks, jitter.Ticks));
    }

    /// <summary>Runs the room's <c>OnClosingAsync</c> (after it closed).</summary>
    /// <param name="cancellationToken">Bounds the hook.</param>
    /// <returns>The hook's completion.</returns>
    public Task RunClosingAsync(CancellationToken cancellationToken = default) => _host.RunClosingHookAsync(cancellationToken);

    private void Bind(HarnessPlayer player, HarnessConnection<TOutput> connection)
    {
        if (connection.JoinedToken is null || connection.JoinedPlayerId != player.Id.Value)
        {
            throw new InvalidOperationException("The seat envelope (Joined/Resumed) did not decode to this player.");
        }

        connection.Owner = player;
        player.Connection = connection;
        player.CloseCode = null;
        player.ResumeToken = connection.JoinedToken;
        player.JoinedAtTick = connection.JoinedTick;
        _connections[player].Add(connection);
    }
}
