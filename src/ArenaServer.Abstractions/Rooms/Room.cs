namespace ArenaServer.Abstractions.Rooms;

/// <summary>The base class of a game's room: plain single-threaded C# that the server runs at a fixed tick.</summary>
/// <typeparam name="TInput">The game's input marker type (the room type's input <see cref="MessageSet{T}"/>).</typeparam>
/// <typeparam name="TOutput">The game's output marker type (messages and snapshots).</typeparam>
/// <remarks>
/// <para><b>Threading contract.</b> All hooks of one room run on the room's tick thread, one at a time, so room state
/// needs no locks. Hooks never block or await; the one async hook, <see cref="OnClosingAsync"/>, runs after ticking
/// has stopped (for persistence).</para>
/// <para><b>Order within a tick.</b> Control events in arrival order (joins, resumes, drops, leaves, server events),
/// then grace expiries, then <see cref="OnTick"/> with exactly the inputs queued when the tick started, then
/// <see cref="CreateSnapshot"/> on snapshot ticks.</para>
/// <para><b>Errors.</b> A throwing hook is logged with room id, tick and hook name; then
/// <see cref="RoomOptions.OnError"/> applies. Other rooms and the tick thread are never affected.</para>
/// </remarks>
/// <example>
/// <code>
/// public sealed class CounterRoom : Room&lt;ICounterInput, ICounterOutput&gt;
/// {
///     private int _count;
///
///     public override void OnTick(in Tick tick, ReadOnlySpan&lt;PlayerInput&lt;ICounterInput&gt;&gt; inputs)
///     {
///         foreach (PlayerInput&lt;ICounterInput&gt; input in inputs)
///         {
///             if (input.Message is Increment) { _count++; }
///         }
///     }
///
///     public override ICounterOutput? CreateSnapshot(in Tick tick) => new CounterState(_count);
/// }
/// </code>
/// </example>
public abstract class Room<TInput, TOutput> where TInput : class where TOutput : class
{
    /// <summary>Initializes the room; the host binds <see cref="Context"/> before <see cref="OnCreated"/>.</summary>
    protected Room()
    {
    }

    /// <summary>Gets the room's context; bound by the host before <see cref="OnCreated"/> runs.</summary>
    protected RoomContext<TOutput> Context { get; private set; } = null!;

    /// <summary>Runs once, before any join.</summary>
    /// <param name="args">The room type, creation options and visibility.</param>
    public virtual void OnCreated(RoomCreateArgs args)
    {
    }

    /// <summary>Decides whether a join is accepted; capacity and lock are checked before.</summary>
    /// <param name="request">The request.</param>
    /// <returns><see cref="JoinResult.Accept"/> (the default) or a rejection.</returns>
    public virtual JoinResult OnJoining(JoinRequest request) => JoinResult.Accept();

    /// <summary>Runs after a join is accepted and the seat exists.</summary>
    /// <param name="player">The new player or spectator.</param>
    public virtual void OnJoined(Player player)
    {
    }

    /// <summary>Advances the simulation by one fixed step.</summary>
    /// <param name="tick">The tick number and the fixed step.</param>
    /// <param name="inputs">The inputs queued when the tick started, in arrival order (at most
    /// <see cref="RoomOptions.MaxInputsPerPlayerPerTick"/> per player); valid only during the call.</param>
    public abstract void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<TInput>> inputs);

    /// <summary>Returns the state to send on snapshot ticks (encoded once for everyone), or null for none. The engine
    /// encodes the result before this hook's caller returns and keeps no reference to it, so a room may return the
    /// same object every tick, refilled (the sample arena does, to allocate nothing per tick).</summary>
    /// <param name="tick">The tick just simulated.</param>
    /// <returns>The snapshot message.</returns>
    public virtual TOutput? CreateSnapshot(in Tick tick) => null;

    /// <summary>Runs after an unplanned drop; the player stays in <see cref="RoomContext{TOutput}.Players"/> while held.</summary>
    /// <param name="player">The player, now with <see cref="Player.IsConnected"/> false.</param>
    /// <param name="reason">Why the connection dropped.</param>
    /// <returns>Hold the seat (the default) or release it.</returns>
    public virtual ReconnectDecision OnDisconnected(Player player, DisconnectReason reason) => ReconnectDecision.HoldSeat();

    /// <summary>Runs after a resume rebinds a held seat; the player's next snapshot is full.</summary>
    /// <param name="player">The player, connected again.</param>
    public virtual void OnReconnected(Player player)
    {
    }

    /// <summary>Runs once when a seat is released for good.</summary>
    /// <param name="player">The player, no longer in the room.</param>
    /// <param name="reason">Why.</param>
    public virtual void OnLeft(Player player, LeaveReason reason)
    {
    }

    /// <summary>Handles an event published to the room; the default broadcasts it to everyone.</summary>
    /// <param name="serverEvent">The event.</param>
    public virtual void OnServerEvent(ServerEvent serverEvent) => Context.BroadcastEvent(serverEvent);

    /// <summary>Runs once after ticking stopped, for persistence; bounded by the server's shutdown timeout.</summary>
    /// <param name="reason">Why the room closes.</param>
    /// <param name="cancellationToken">Cancelled when the shutdown timeout expires.</param>
    /// <returns>A task that completes when the room may be dropped.</returns>
    public virtual ValueTask OnClosingAsync(RoomCloseReason reason, CancellationToken cancellationToken) => default;

    /// <summary>Binds the context; the host calls it exactly once, before <see cref="OnCreated"/>.</summary>
    internal void Bind(RoomContext<TOutput> context)
    {
        if (Context is not null)
        {
            throw new InvalidOperationException("The room is already bound to a host.");
        }

        Context = context;
    }
}
