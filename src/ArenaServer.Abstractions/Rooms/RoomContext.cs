using Microsoft.Extensions.Logging;

namespace ArenaServer.Abstractions.Rooms;

/// <summary>What a room can see and do: its players, time, randomness, logging and output.</summary>
/// <typeparam name="TOutput">The room type's output marker type.</typeparam>
/// <remarks>Use it only from hooks, on the room's thread. <see cref="Send"/>, <see cref="Broadcast"/>,
/// <see cref="BroadcastEvent"/>, <see cref="Kick"/> and <see cref="Close"/> are deferred until the hook returns; each
/// message is encoded once and shared by all its recipients. Sends to a player whose seat is held (not connected)
/// are dropped and counted.</remarks>
/// <example>
/// <code>
/// public override void OnJoined(Player player)
/// {
///     Context.Send(player, new Welcome(Context.Players.Count));
///     Context.Broadcast(new PlayerJoined(player.Id.Value, player.Name), except: player);
/// }
/// </code>
/// </example>
public abstract class RoomContext<TOutput> where TOutput : class
{
    /// <summary>Initializes the base; only the room host derives from it.</summary>
    protected RoomContext()
    {
    }

    /// <summary>Gets the room's id.</summary>
    public abstract RoomId Id { get; }

    /// <summary>Gets the players in join order, including those whose seat is held; spectators excluded.</summary>
    public abstract IReadOnlyList<Player> Players { get; }

    /// <summary>Gets the spectators in join order.</summary>
    public abstract IReadOnlyList<Player> Spectators { get; }

    /// <summary>Gets the current tick (0 before the first).</summary>
    public abstract Tick CurrentTick { get; }

    /// <summary>Gets the room's clock (a <c>ManualClock</c> under test); never read <see cref="DateTime.UtcNow"/>.</summary>
    public abstract TimeProvider Time { get; }

    /// <summary>Gets the room's seeded random generator: same seed and inputs, same game (replay relies on it).</summary>
    public abstract Random Random { get; }

    /// <summary>Gets a logger scoped to the room.</summary>
    public abstract ILogger Logger { get; }

    /// <summary>Gets whether new joins are refused (resumes still work).</summary>
    public abstract bool IsLocked { get; }

    /// <summary>Sends <paramref name="message"/> to one player, after the hook returns.</summary>
    /// <param name="to">The recipient.</param>
    /// <param name="message">A message whose type is in the room type's output set.</param>
    public abstract void Send(Player to, TOutput message);

    /// <summary>Sends <paramref name="message"/> to every connected player and spectator, after the hook returns.</summary>
    /// <param name="message">A message whose type is in the room type's output set.</param>
    /// <param name="except">A player to leave out, such as the one who caused it.</param>
    public abstract void Broadcast(TOutput message, Player? except = null);

    /// <summary>Sends a server event (<c>[68, nil, name, data]</c>) to everyone in the room.</summary>
    /// <param name="serverEvent">The event.</param>
    public abstract void BroadcastEvent(ServerEvent serverEvent);

    /// <summary>Removes a player: close 4003, then <c>OnLeft(player, Kicked)</c>.</summary>
    /// <param name="player">The player.</param>
    /// <param name="reason">A short reason sent in the close frame; never a secret.</param>
    public abstract void Kick(Player player, string reason);

    /// <summary>Closes the room: close 4002 for all, then <c>OnClosingAsync(Requested)</c>.</summary>
    /// <param name="reason">A short reason sent in the close frames.</param>
    public abstract void Close(string reason);

    /// <summary>Locks or unlocks the room: locked refuses new joins; resumes still succeed.</summary>
    /// <param name="locked">The new state.</param>
    public abstract void SetLocked(bool locked);
}
