namespace ArenaServer.Abstractions.Rooms;

/// <summary>An event published to the room from outside (the publish API or the cluster bus), delivered to
/// <see cref="Room{TInput, TOutput}.OnServerEvent"/> on the room's thread.</summary>
/// <param name="Name">The event name.</param>
/// <param name="Data">One encoded MessagePack value (empty means nil).</param>
/// <example>
/// <code>
/// public override void OnServerEvent(ServerEvent serverEvent)
/// {
///     if (serverEvent.Name == "double-points") { _multiplier = 2; }
///     Context.BroadcastEvent(serverEvent);
/// }
/// </code>
/// </example>
public sealed record ServerEvent(string Name, ReadOnlyMemory<byte> Data);
