using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Rooms;

/// <summary>One deferred output of a hook.</summary>
/// <typeparam name="TOutput">The output marker type.</typeparam>
/// <param name="Kind">What to do.</param>
/// <param name="Player">The recipient (Send), the excluded player (Broadcast) or the kicked player.</param>
/// <param name="Message">The message (Send, Broadcast).</param>
/// <param name="Event">The event (Event).</param>
/// <param name="Reason">The kick reason.</param>
internal readonly record struct PendingOutput<TOutput>(PendingOutputKind Kind, Player? Player, TOutput? Message,
    ServerEvent? Event, string? Reason) where TOutput : class;
