using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Rooms;

/// <summary>A room's public summary for lobby listings and <c>/admin/rooms</c>, published by the tick thread so HTTP
/// handlers never touch room state (ARCHITECTURE.md §12).</summary>
/// <remarks>The membership fields (the constructor's) are immutable: a change publishes a new record (a volatile
/// reference swap). The live counters (<see cref="Tick"/>, <see cref="LastTickDuration"/>, <see cref="TickP99"/>) are
/// refreshed in place about once a second by the tick thread (64-bit atomic writes), so a room whose membership does not
/// change allocates nothing for its summary (issue 4: 0 B per tick).</remarks>
/// <param name="Id">The room id.</param>
/// <param name="RoomType">The room type name.</param>
/// <param name="IsPrivate">Joinable only by id.</param>
/// <param name="Players">Player seats, held ones included.</param>
/// <param name="Connected">Players with a bound connection.</param>
/// <param name="Spectators">Spectators.</param>
/// <param name="MaxPlayers">The room's capacity.</param>
/// <param name="IsLocked">Whether new joins are refused.</param>
/// <param name="IsClosed">Whether the room closed.</param>
internal sealed record RoomInfo(RoomId Id, string RoomType, bool IsPrivate, int Players, int Connected, int Spectators,
    int MaxPlayers, bool IsLocked, bool IsClosed)
{
    private long _tick;
    private long _lastTickDuration;
    private long _tickP99;

    /// <summary>Gets the room's tick at the last refresh.</summary>
    public long Tick
    {
        get => Volatile.Read(ref _tick);
        init => _tick = value;
    }

    /// <summary>Gets how long the last tick took, at the last refresh.</summary>
    public TimeSpan LastTickDuration
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _lastTickDuration));
        init => _lastTickDuration = value.Ticks;
    }

    /// <summary>Gets the 99th percentile of the room's recent tick durations (nearest rank over the last
    /// <c>256</c> ticks, computed on the tick thread); zero before the first tick.</summary>
    public TimeSpan TickP99
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _tickP99));
        init => _tickP99 = value.Ticks;
    }

    /// <summary>Gets when the room started (wall clock of the room's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets whether a joinOrCreate may pick this room.</summary>
    public bool HasFreeSeat => !IsClosed && !IsLocked && !IsPrivate && Players < MaxPlayers;

    /// <summary>Refreshes the live counters in place; the room's tick thread only.</summary>
    /// <param name="tick">The room's tick.</param>
    /// <param name="lastTickDuration">How long the last tick took.</param>
    /// <param name="tickP99">The recent 99th percentile.</param>
    public void UpdateLive(long tick, TimeSpan lastTickDuration, TimeSpan tickP99)
    {
        Volatile.Write(ref _tick, tick);
        Volatile.Write(ref _lastTickDuration, lastTickDuration.Ticks);
        Volatile.Write(ref _tickP99, tickP99.Ticks);
    }
}
