namespace ArenaServer.Abstractions.Rooms;

/// <summary>Per-room-type limits and timing (configuration keys <c>Arena:Rooms:*</c>, overridable per room type).</summary>
/// <remarks>Every bound here exists so that one room, player or client cannot grow memory or CPU without limit
/// (ARCHITECTURE.md §5). <see cref="Validate"/> states each rule; the host refuses invalid options at registration.</remarks>
/// <example>
/// <code>
/// .AddRoomType&lt;ArenaRoom, IArenaInput, IArenaOutput&gt;("arena", ArenaMessages.Inputs, ArenaMessages.Outputs,
///     room =&gt; { room.TickRate = 30; room.MaxPlayers = 16; });
/// </code>
/// </example>
public sealed class RoomOptions
{
    /// <summary>Gets or sets the ticks per second. Default 30: smooth enough for action games with client
    /// prediction, and 33 ms of budget per tick. Rule: 1–120.</summary>
    public int TickRate { get; set; } = 30;

    /// <summary>Gets or sets how often a snapshot is taken, in ticks. Default 1 (every tick), which keeps the
    /// snapshot rate equal to the tick rate as the protocol promises. Rule: 1–TickRate.</summary>
    public int SnapshotEveryTicks { get; set; } = 1;

    /// <summary>Gets or sets the most ticks run in one wake-up to catch up after a stall. Default 5: recovers a
    /// 150 ms hiccup at 30 Hz without a burst long enough to starve other rooms on the thread; the rest is skipped
    /// and counted. Rule: 1–60.</summary>
    public int MaxCatchUpTicks { get; set; } = 5;

    /// <summary>Gets or sets the most players (spectators excluded). Default 16. Rule: 1–1024.</summary>
    public int MaxPlayers { get; set; } = 16;

    /// <summary>Gets or sets the capacity of the room's input queue. Default 256: 16 players × 8 inputs × 2 ticks
    /// of slack; past it a new input is dropped and counted. Rule: 1–65536 and at least MaxInputsPerPlayerPerTick.</summary>
    public int InputQueueCapacity { get; set; } = 256;

    /// <summary>Gets or sets how many inputs of one player one tick takes. Default 8: generous for 60 Hz clients at
    /// a 30 Hz tick; a flooding client cannot crowd out the others. Excess is dropped and counted. Rule: 1–1024.</summary>
    public int MaxInputsPerPlayerPerTick { get; set; } = 8;

    /// <summary>Gets or sets the capacity of the control queue (joins, resumes, drops, leaves, server events).
    /// Default 64: past it a join gets <c>Error{room_busy}</c> and a publish gets 429. Rule: 1–65536.</summary>
    public int ControlQueueCapacity { get; set; } = 64;

    /// <summary>Gets or sets how long a dropped player's seat is held for a resume. Default 20 s: enough for a
    /// mobile network switch or a page reload. Rule: 0–10 min (zero releases at once).</summary>
    public TimeSpan ReconnectGracePeriod { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets how long a room without players stays open. Default 30 s: a lobby link can be shared
    /// before the first player arrives. Rule: 0–24 h.</summary>
    public TimeSpan MaxEmptyTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets what happens after a hook throws. Default <see cref="RoomErrorPolicy.CloseRoom"/>,
    /// because state after a partial update cannot be trusted. Rule: a defined value.</summary>
    public RoomErrorPolicy OnError { get; set; } = RoomErrorPolicy.CloseRoom;

    /// <summary>Gets the fixed step, <c>1 / TickRate</c>.</summary>
    public TimeSpan TickInterval => TimeSpan.FromTicks(TimeSpan.TicksPerSecond / TickRate);

    /// <summary>Checks every rule.</summary>
    /// <returns>One message per broken rule, naming the option; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckRange(errors, nameof(TickRate), TickRate, 1, 120);
        CheckRange(errors, nameof(SnapshotEveryTicks), SnapshotEveryTicks, 1, Math.Max(1, TickRate));
        CheckRange(errors, nameof(MaxCatchUpTicks), MaxCatchUpTicks, 1, 60);
        CheckRange(errors, nameof(MaxPlayers), MaxPlayers, 1, 1024);
        CheckRange(errors, nameof(InputQueueCapacity), InputQueueCapacity, Math.Max(1, MaxInputsPerPlayerPerTick), 65536);
        CheckRange(errors, nameof(MaxInputsPerPlayerPerTick), MaxInputsPerPlayerPerTick, 1, 1024);
        CheckRange(errors, nameof(ControlQueueCapacity), ControlQueueCapacity, 1, 65536);
        if (ReconnectGracePeriod < TimeSpan.Zero || ReconnectGracePeriod > TimeSpan.FromMinutes(10))
        {
            errors.Add($"Rooms:{nameof(ReconnectGracePeriod)} must be between 0 and 10 minutes (was {ReconnectGracePeriod}).");
        }

        if (MaxEmptyTime < TimeSpan.Zero || MaxEmptyTime > TimeSpan.FromHours(24))
        {
            errors.Add($"Rooms:{nameof(MaxEmptyTime)} must be between 0 and 24 hours (was {MaxEmptyTime}).");
        }

        if (!Enum.IsDefined(OnError))
        {
            errors.Add($"Rooms:{nameof(OnError)} must be CloseRoom or SkipTick (was {OnError}).");
        }

        return errors;
    }

    /// <summary>Throws when a rule is broken.</summary>
    /// <exception cref="ArgumentException">The message lists every broken rule.</exception>
    public void ThrowIfInvalid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }
    }

    /// <summary>A copy, so a room type's options cannot change under running rooms.</summary>
    /// <returns>The copy.</returns>
    public RoomOptions Clone() => (RoomOptions)MemberwiseClone();

    private static void CheckRange(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"Rooms:{name} must be between {min} and {max} (was {value}).");
        }
    }
}
