namespace ArenaServer.Protocol;

/// <summary>One entry of a Presence envelope: <c>[playerId, name, role, connected]</c>.</summary>
/// <param name="PlayerId">The member's player id in the room.</param>
/// <param name="Name">The display name.</param>
/// <param name="Role">Player or spectator.</param>
/// <param name="IsConnected">False while the member's seat is held after a drop.</param>
public readonly record struct PresenceMember(int PlayerId, string Name, PresenceRole Role, bool IsConnected);
