namespace ArenaServer.Abstractions.Rooms;

/// <summary>What the room host does after a hook throws (the exception is always logged with room, tick and hook).</summary>
/// <example>
/// <code>
/// services.AddRoomType&lt;ArenaRoom, IArenaInput, IArenaOutput&gt;("arena", inputs, outputs, o =&gt; o.OnError = RoomErrorPolicy.SkipTick);
/// </code>
/// </example>
public enum RoomErrorPolicy
{
    /// <summary>Close the room: clients get 1011 and seats are released. The default, because the room's state may
    /// be inconsistent after a partial update.</summary>
    CloseRoom,

    /// <summary>Discard what the failed hook sent and carry on with the next hook or tick.</summary>
    SkipTick,
}
