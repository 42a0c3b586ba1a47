using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Rooms;

/// <summary>An input waiting in a room's queue.</summary>
/// <typeparam name="TInput">The input marker type.</typeparam>
/// <param name="Player">The sender.</param>
/// <param name="Sequence">The client's sequence number.</param>
/// <param name="Message">The decoded input.</param>
/// <param name="ReceivedAtTick">The room's tick number when it was queued.</param>
internal readonly record struct QueuedInput<TInput>(Player Player, uint Sequence, TInput Message, long ReceivedAtTick)
    where TInput : class;
