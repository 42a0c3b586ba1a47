namespace ArenaServer.Abstractions.Rooms;

/// <summary>A seat in a room: a player (or a spectator) as room code sees it.</summary>
/// <remarks>Owned by the room's tick thread. Room code reads it only from hooks. <see cref="RoundTripTime"/>,
/// <see cref="Jitter"/> and <see cref="IsConnected"/> are copied at tick start, so they are stable within a tick; the
/// connection's latency samples arrive from other threads and wait until then. The same object stays valid across a
/// resume, so it can key the game's own dictionaries.</remarks>
/// <example>
/// <code>
/// TimeSpan rewind = player.RoundTripTime / 2 + InterpolationDelay;   // lag compensation
/// </code>
/// </example>
public sealed class Player
{
    private long _pendingRoundTripTicks;
    private long _pendingJitterTicks;

    internal Player(PlayerId id, string name, IReadOnlyDictionary<string, string> claims, bool isSpectator)
    {
        Id = id;
        Name = name;
        Claims = claims;
        IsSpectator = isSpectator;
        IsConnected = true;
    }

    /// <summary>Gets the player's id in this room, unchanged across resumes.</summary>
    public PlayerId Id { get; }

    /// <summary>Gets the display name from the join request (or the token's name claim).</summary>
    public string Name { get; }

    /// <summary>Gets the claims of the authenticated identity (for example <c>sub</c>); empty for anonymous players.</summary>
    public IReadOnlyDictionary<string, string> Claims { get; }

    /// <summary>Gets whether this is a spectator: it receives snapshots and messages, sends no inputs and takes no
    /// player seat (it is not in <see cref="RoomContext{TOutput}.Players"/>).</summary>
    public bool IsSpectator { get; }

    /// <summary>Gets whether a connection is bound to the seat; false while the seat is held for a resume.</summary>
    public bool IsConnected { get; internal set; }

    /// <summary>Gets the smoothed round-trip time (RFC 6298 SRTT), or zero before the first sample.</summary>
    public TimeSpan RoundTripTime { get; private set; }

    /// <summary>Gets the round-trip variation (RFC 6298 RTTVAR), or zero before the first sample.</summary>
    public TimeSpan Jitter { get; private set; }

    /// <summary>Gets the highest input sequence of this player handed to <c>OnTick</c> (0 before any); it is the
    /// <c>ackedInputSeq</c> of this player's snapshots.</summary>
    public uint LastProcessedInput { get; internal set; }

    /// <summary>The display form.</summary>
    /// <returns>Name and id.</returns>
    public override string ToString() => $"{Name} ({Id})";

    /// <summary>Records a latency sample; any thread. Visible to room code from the next tick.</summary>
    internal void ReportLatency(TimeSpan roundTripTime, TimeSpan jitter)
    {
        Volatile.Write(ref _pendingRoundTripTicks, roundTripTime.Ticks);
        Volatile.Write(ref _pendingJitterTicks, jitter.Ticks);
    }

    /// <summary>Copies the latest latency sample; tick thread, at tick start.</summary>
    internal void BeginTick()
    {
        RoundTripTime = TimeSpan.FromTicks(Volatile.Read(ref _pendingRoundTripTicks));
        Jitter = TimeSpan.FromTicks(Volatile.Read(ref _pendingJitterTicks));
    }
}
