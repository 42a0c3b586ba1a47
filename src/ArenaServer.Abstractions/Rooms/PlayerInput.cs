namespace ArenaServer.Abstractions.Rooms;

/// <summary>One input of one player, handed to <see cref="Room{TInput, TOutput}.OnTick"/> in arrival order.</summary>
/// <typeparam name="TInput">The room type's input marker type.</typeparam>
/// <param name="Player">The sender.</param>
/// <param name="Message">The decoded input.</param>
/// <param name="Sequence">The client's input sequence number (strictly increasing per player, across resumes).</param>
/// <param name="ReceivedAtTick">The room's tick number when the input was queued.</param>
/// <example>
/// <code>
/// foreach (PlayerInput&lt;IArenaInput&gt; input in inputs)
/// {
///     switch (input.Message)
///     {
///         case Move move: Steer(input.Player, move); break;
///         default: Context.Logger.LogDebug("Unexpected input {Type}", input.Message.GetType()); break;
///     }
/// }
/// </code>
/// </example>
public readonly record struct PlayerInput<TInput>(Player Player, TInput Message, uint Sequence, long ReceivedAtTick)
    where TInput : class;
