namespace ArenaServer.Abstractions.Rooms;

/// <summary>What <see cref="Room{TInput, TOutput}.OnCreated"/> learns about the new room.</summary>
/// <param name="RoomType">The registered room type name, such as <c>arena</c>.</param>
/// <param name="Options">The creating Join's <c>options</c> (one encoded MessagePack value), or empty.</param>
/// <param name="IsPrivate">Whether the room is joinable only by id (not listed, not picked by joinOrCreate).</param>
/// <example>
/// <code>
/// public override void OnCreated(RoomCreateArgs args) => _map = args.IsPrivate ? Map.Practice : Map.Default;
/// </code>
/// </example>
public sealed record RoomCreateArgs(string RoomType, ReadOnlyMemory<byte> Options, bool IsPrivate = false);
