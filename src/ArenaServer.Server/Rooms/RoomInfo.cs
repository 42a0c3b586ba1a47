using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Rooms;

/// <summary>A room's public summary for lobby listings and <c>/admin/rooms</c>, published by the tick thread as an
/// immutable record (a volatile reference swap) so HTTP handlers never touch room state (ARCHITECTURE.md §12).</summary>
/// <param name="Id">The room id.</param>
/// <param name="RoomType">The room type name.</param>
/// <param name="IsPrivate">Joinable only by id.</param>
/// <param name="Players">Player seats, held ones included.</param>
/// <param name="Connected">Players with a bound connection.</param>
/// <param name="Spectators">Spectators.</param>
/// <param name="MaxPlayers">The room's capacity.</param>
/// <param name="IsLocked">Whether new joins are refused.</param>
/// <param name="Tick">The room's tick when published.</param>
/// <param name="LastTickDuration">How long the last tick took.</param>
/// <param name="IsClosed">Whether the room closed.</param>
internal sealed record RoomInfo(RoomId Id, string RoomType, bool IsPrivate, int Players, int Connected, int Spectators,
    int MaxPlayers, bool IsLocked, long Tick, TimeSpan LastTickDuration, bool IsClosed)
{
    /// <summary>Gets the 99th percentile of the room's recent tick durations (nearest rank over the last
    /// <c>256</c> ticks, computed on the tick thread); zero before the first tick.</summary>
    public TimeSpan TickP99 { get; init; }

    /// <summary>Gets when the room started (wall clock of the room's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets whether a joinOrCreate may pick this room.</summary>
    public bool HasFreeSeat => !IsClosed && !IsLocked && !IsPrivate && Players < MaxPlayers;
}
