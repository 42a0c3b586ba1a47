using System.Buffers;
using System.Threading.Channels;
using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Server.Rooms;

/// <summary>Owns one room instance: its queues, its fixed-step clock, its seats and its output (issue 4 item 2).</summary>
/// <typeparam name="TRoom">The game's room class.</typeparam>
/// <typeparam name="TInput">The input marker type.</typeparam>
/// <typeparam name="TOutput">The output marker type.</typeparam>
/// <remarks>
/// <para><b>Threads.</b> The <c>TryEnqueue…</c>/<c>TryWriteInput</c> methods may be called from any thread (read loops,
/// bus handlers); they never block and report a full queue as an explicit outcome. Everything else
/// (<see cref="Start"/>, <see cref="Advance"/>, <see cref="RunTick"/>) runs on the room's one tick thread, so the room's
/// hooks run one at a time.</para>
/// <para><b>Queues.</b> Joins, resumes and server events go through the bounded control queue
/// (<see cref="RoomOptions.ControlQueueCapacity"/>); drops and leaves through the lifecycle queue, which is bounded by
/// construction (a connection reports at most one of each). Inputs go through the bounded input channel
/// (<see cref="BoundedChannelFullMode.Wait"/> + <c>TryWrite</c>, so a full queue is a visible <c>false</c>); a tick
/// drains exactly the items present when it starts.</para>
/// </remarks>
internal sealed partial class RoomHost<TRoom, TInput, TOutput> : IRoomHandle
    where TRoom : Room<TInput, TOutput>
    where TInput : class
    where TOutput : class
{
    private readonly TRoom _room;
    private readonly RoomCreateArgs _createArgs;
    private readonly MessageSet<TOutput> _outputs;
    private readonly RoomOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IRoomTap<TInput>? _tap;
    private readonly MessageSet<TInput>? _inputSet;
    private readonly IResumeRegistry? _resumes;
    private readonly RoomHostContext<TOutput> _context;
    private readonly Channel<RoomCommand> _control;
    private readonly Channel<RoomCommand> _lifecycle;
    private readonly Channel<QueuedInput<TInput>> _inputs;
    private readonly List<Seat> _seats = [];
    private readonly Dictionary<PlayerId, Seat> _seatsById = [];
    private readonly Dictionary<string, Seat> _seatsByTokenHash = new(StringComparer.Ordinal);
    private readonly List<Seat> _recipients = [];
    private readonly TimeSpan _step;
    private readonly PlayerInput<TInput>[] _inputBuffer;
    private long _startedAt;
    private long _lastAdvance;
    private TimeSpan _accumulated;
    private long _tickNumber;
    private long _lastWarningAt = long.MinValue;
    private long? _emptySince;
    private int _nextPlayerId = 1;
    private volatile bool _closed;
    private volatile bool _shutdownRequested;
    private int _closingHookStarted;
    private long _inputsDroppedQueueFull;
    private long _lastInfoAt = long.MinValue;
    private RoomInfo? _info;

    /// <summary>Creates the host; call <see cref="Start"/> on the tick thread (or the test thread) next.</summary>
    public RoomHost(RoomId id, RoomCreateArgs createArgs, TRoom room, MessageSet<TOutput> outputs, RoomOptions options,
        TimeProvider time, int seed, ILogger logger, IRoomTap<TInput>? tap = null, MessageSet<TInput>? inputs = null,
        IResumeRegistry? resumes = null)
    {
        ArgumentNullException.ThrowIfNull(createArgs);
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.ThrowIfInvalid();
        Id = id;
        _createArgs = createArgs;
        _room = room;
        _outputs = outputs;
        _options = options.Clone();
        _time = time;
        _logger = logger;
        _tap = tap;
        _inputSet = inputs;
        _resumes = resumes;
        _step = _options.TickInterval;
        Seed = seed;
        _context = new RoomHostContext<TOutput>(id, outputs, time, new Random(seed), logger);
        _control = Channel.CreateBounded<RoomCommand>(new BoundedChannelOptions(_options.ControlQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        // Not SingleReader: that implementation cannot report Count, which the tick needs to drain only what is present.
        _lifecycle = Channel.CreateUnbounded<RoomCommand>(new UnboundedChannelOptions { SingleReader = false });
        _inputs = Channel.CreateBounded<QueuedInput<TInput>>(new BoundedChannelOptions(_options.InputQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _inputBuffer = new PlayerInput<TInput>[_options.InputQueueCapacity];
    }

    /// <inheritdoc />
    public RoomId Id { get; }

    /// <inheritdoc />
    public string RoomType => _createArgs.RoomType;

    /// <summary>Gets the seed of the room's <see cref="Random"/> (recorded for replay).</summary>
    public int Seed { get; }

    /// <summary>Gets the room's options (a private copy).</summary>
    public RoomOptions Options => _options;

    /// <summary>Gets the room instance (for tests and admin views; tick thread only).</summary>
    public TRoom Room => _room;

    /// <inheritdoc />
    public bool IsClosed => _closed;

    /// <summary>Gets why the room closed, once closed.</summary>
    public RoomCloseReason? CloseReason { get; private set; }

    /// <summary>Gets the number of the last tick run (0 before the first).</summary>
    public long CurrentTick => Volatile.Read(ref _tickNumber);

    /// <summary>Gets the ticks dropped by the catch-up cap.</summary>
    public long SkippedTicks { get; private set; }

    /// <summary>Gets the inputs dropped because the queue was full.</summary>
    public long InputsDroppedQueueFull => Interlocked.Read(ref _inputsDroppedQueueFull);

    /// <summary>Gets the inputs dropped over the per-player per-tick cap (or out of sequence, or from spectators).</summary>
    public long InputsDroppedPerTick { get; private set; }

    /// <summary>Gets the sends dropped because the recipient was not connected or its connection refused them.</summary>
    public long SendsDropped { get; private set; }

    /// <summary>Gets the number of player seats (held ones included).</summary>
    public int PlayerCount => _context.PlayerList.Count;

    /// <summary>Gets the ticks that took longer than the fixed step.</summary>
    public long TickOverruns { get; private set; }

    /// <summary>Gets how long the last tick took (room clock).</summary>
    public TimeSpan LastTickDuration { get; private set; }

    /// <summary>Gets the room's latest public summary; any thread (published at start, then refreshed after a
    /// wake-up when seats or the lock changed, and at least once a second).</summary>
    public RoomInfo? Info => Volatile.Read(ref _info);

    /// <inheritdoc />
    public long NextDueTimestamp
    {
        get
        {
            TimeSpan remaining = _step - _accumulated;
            return _lastAdvance + (long)(remaining.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
        }
    }

    /// <inheritdoc />
    public bool IsStarted { get; private set; }

    /// <summary>Binds the context and runs <c>OnCreated</c>; the fixed-step clock starts now. The tick thread calls
    /// it when it takes the room (or a test does); later calls do nothing.</summary>
    public void Start()
    {
        if (IsStarted)
        {
            return;
        }

        IsStarted = true;
        _room.Bind(_context);
        _startedAt = _time.GetTimestamp();
        _lastAdvance = _startedAt;
        try
        {
            _room.OnCreated(_createArgs);
            FlushOutputs();
        }
        catch (Exception ex)
        {
            OnHookFailed(ex, RoomHook.OnCreated);
        }

        ApplyRequestedClose();
        PublishInfo(CountConnected());
    }

    /// <summary>Queues a join; any thread.</summary>
    /// <param name="request">The request.</param>
    /// <param name="sink">The connection's output.</param>
    /// <returns>Completes on the room's thread (continuations run asynchronously); <see cref="SeatStatus.RoomBusy"/>
    /// at once when the control queue is full.</returns>
    public Task<SeatOutcome> TryEnqueueJoin(JoinRequest request, IPlayerSink sink)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        return EnqueueSeatCommand(new RoomCommand
        {
            Kind = RoomCommandKind.Join,
            JoinRequest = request,
            Sink = sink,
            Completion = new TaskCompletionSource<SeatOutcome>(TaskCreationOptions.RunContinuationsAsynchronously),
        });
    }

    /// <summary>Queues a resume by token; any thread.</summary>
    /// <param name="resumeToken">The token the client presented.</param>
    /// <param name="sink">The new connection's output.</param>
    /// <returns>Completes on the room's thread.</returns>
    public Task<SeatOutcome> TryEnqueueResume(string resumeToken, IPlayerSink sink)
    {
        ArgumentNullException.ThrowIfNull(resumeToken);
        ArgumentNullException.ThrowIfNull(sink);
        return EnqueueSeatCommand(new RoomCommand
        {
            Kind = RoomCommandKind.Resume,
            ResumeToken = resumeToken,
            Sink = sink,
            Completion = new TaskCompletionSource<SeatOutcome>(TaskCreationOptions.RunContinuationsAsynchronously),
        });
    }

    /// <summary>Queues a resume of a seat by player id, without a token: only for offline replay.</summary>
    internal Task<SeatOutcome> TryEnqueueResumeSeat(PlayerId playerId, IPlayerSink sink)
        => EnqueueSeatCommand(new RoomCommand
        {
            Kind = RoomCommandKind.ResumeSeat,
            PlayerId = playerId,
            Sink = sink,
            Completion = new TaskCompletionSource<SeatOutcome>(TaskCreationOptions.RunContinuationsAsynchronously),
        });

    /// <summary>Queues a server event; any thread.</summary>
    /// <param name="serverEvent">The event.</param>
    /// <returns>False when the control queue is full (publish answers 429) or the room is closed.</returns>
    public bool TryEnqueueServerEvent(ServerEvent serverEvent)
    {
        ArgumentNullException.ThrowIfNull(serverEvent);
        return !_closed && _control.Writer.TryWrite(new RoomCommand { Kind = RoomCommandKind.ServerEvent, ServerEvent = serverEvent });
    }

    /// <summary>Reports an unplanned drop of <paramref name="sink"/>'s connection; any thread. Ignored when the seat
    /// is bound to another connection by then (a resume took it over).</summary>
    /// <returns>False when the room is closed.</returns>
    public bool TryEnqueueDisconnect(Player player, IPlayerSink sink, DisconnectReason reason)
        => !_closed && _lifecycle.Writer.TryWrite(new RoomCommand
        {
            Kind = RoomCommandKind.Disconnect,
            Player = player,
            Sink = sink,
            DisconnectReason = reason,
        });

    /// <summary>Reports that <paramref name="sink"/>'s player leaves for good (Leave, protocol error, rate limit); any
    /// thread. Ignored when the seat is bound to another connection by then.</summary>
    /// <returns>False when the room is closed.</returns>
    public bool TryEnqueueLeave(Player player, IPlayerSink sink, LeaveReason reason)
        => !_closed && _lifecycle.Writer.TryWrite(new RoomCommand
        {
            Kind = RoomCommandKind.Leave,
            Player = player,
            Sink = sink,
            LeaveReason = reason,
        });

    /// <summary>Queues one decoded input for the next tick; any thread. Never waits.</summary>
    /// <param name="player">The sender's seat player.</param>
    /// <param name="sequence">The client's sequence number.</param>
    /// <param name="message">The input.</param>
    /// <returns>The outcome; a full queue drops the input and counts it.</returns>
    public InputWriteResult TryWriteInput(Player player, uint sequence, TInput message)
    {
        ArgumentNullException.ThrowIfNull(player);
        ArgumentNullException.ThrowIfNull(message);
        if (_closed)
        {
            return InputWriteResult.RoomClosed;
        }

        bool queued = _inputs.Writer.TryWrite(new QueuedInput<TInput>(player, sequence, message, Volatile.Read(ref _tickNumber)));
        _metrics?.InputOffered(queued);
        if (queued)
        {
            return InputWriteResult.Queued;
        }

        Interlocked.Increment(ref _inputsDroppedQueueFull);
        return InputWriteResult.QueueFull;
    }

    /// <inheritdoc />
    public bool IsShutdownRequested => _shutdownRequested && !_closed;

    /// <summary>Asks the room to close for a server shutdown at its next wake-up; any thread.</summary>
    public void RequestShutdown() => _shutdownRequested = true;

    /// <inheritdoc />
    public MessageReadStatus TryWriteInput(Player player, uint sequence, byte tag, in ReadOnlySequence<byte> body,
        out InputWriteResult result)
    {
        if (_inputSet is null)
        {
            throw new InvalidOperationException("This room host was created without its input MessageSet.");
        }

        result = InputWriteResult.RoomClosed;
        MessageReadStatus status = _inputSet.TryRead(tag, body, null, out TInput? message);
        if (status == MessageReadStatus.Success)
        {
            result = TryWriteInput(player, sequence, message!);
        }

        return status;
    }

    /// <inheritdoc />
    public int Advance()
    {
        if (_shutdownRequested && !_closed)
        {
            Shutdown();
        }

        if (_closed)
        {
            return 0;
        }

        long now = _time.GetTimestamp();
        _accumulated += _time.GetElapsedTime(_lastAdvance, now);
        _lastAdvance = now;
        int steps = 0;
        while (_accumulated >= _step && steps < _options.MaxCatchUpTicks && !_closed)
        {
            long started = _time.GetTimestamp();
            RunTick();
            LastTickDuration = _time.GetElapsedTime(started);
            RecordTickDuration(LastTickDuration);
            if (LastTickDuration > _step)
            {
                TickOverruns++;
                if (ShouldWarn(now))
                {
                    RoomLog.TickOverrun(_logger, Id, _tickNumber, LastTickDuration, _step);
                }
            }

            _accumulated -= _step;
            steps++;
        }

        RefreshInfo(now);

        if (_accumulated >= _step)
        {
            // Fix Your Timestep!: past the catch-up cap the backlog is dropped, never simulated with a larger dt.
            long skipped = _accumulated.Ticks / _step.Ticks;
            SkippedTicks += skipped;
            _metrics?.TicksSkipped(skipped, _roomTypeTag);
            _accumulated -= TimeSpan.FromTicks(skipped * _step.Ticks);
            if (ShouldWarn(now))
            {
                RoomLog.TicksSkipped(_logger, Id, _tickNumber, skipped, SkippedTicks);
            }
        }

        return steps;
    }

    private Task<SeatOutcome> EnqueueSeatCommand(RoomCommand command)
    {
        if (_closed)
        {
            return Task.FromResult(SeatOutcome.Fail(SeatStatus.RoomClosed, _options.TickRate, CurrentTick));
        }

        // The writer is completed when the room closes, so a late write fails here instead of waiting forever.
        return _control.Writer.TryWrite(command)
            ? command.Completion!.Task
            : Task.FromResult(SeatOutcome.Fail(_closed ? SeatStatus.RoomClosed : SeatStatus.RoomBusy, _options.TickRate, CurrentTick));
    }

    private void RefreshInfo(long now)
    {
        RoomInfo? info = Volatile.Read(ref _info);
        int connected = CountConnected();
        if (info is null || _closed != info.IsClosed || info.Players != _context.PlayerList.Count ||
            info.Connected != connected || info.Spectators != _context.SpectatorList.Count || info.IsLocked != _context.Locked)
        {
            _lastInfoAt = now;
            PublishInfo(connected);
        }
        else if (_lastInfoAt == long.MinValue || _time.GetElapsedTime(_lastInfoAt, now) >= TimeSpan.FromSeconds(1))
        {
            // Same membership: the counters change in place, so a steady room allocates nothing for its summary.
            _lastInfoAt = now;
            info.UpdateLive(_tickNumber, LastTickDuration, RecentTickP99);
        }
    }

    private int CountConnected()
    {
        int connected = 0;
        foreach (Player player in _context.PlayerList)
        {
            connected += player.IsConnected ? 1 : 0;
        }

        return connected;
    }

    private RoomInfo PublishInfo(int connected)
    {
        var info = new RoomInfo(Id, _createArgs.RoomType, _createArgs.IsPrivate, _context.PlayerList.Count, connected,
            _context.SpectatorList.Count, _options.MaxPlayers, _context.Locked, _closed)
        {
            Tick = _tickNumber,
            LastTickDuration = LastTickDuration,
            TickP99 = RecentTickP99,
            CreatedAt = CreatedAt,
        };
        Volatile.Write(ref _info, info);
        return info;
    }

    // Warnings about drops and overruns are rate-limited to one per second per room (CONVENTIONS.md §34).
    private bool ShouldWarn(long now)
    {
        if (_lastWarningAt != long.MinValue && _time.GetElapsedTime(_lastWarningAt, now) < TimeSpan.FromSeconds(1))
        {
            return false;
        }

        _lastWarningAt = now;
        return true;
    }
}
