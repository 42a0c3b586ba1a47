using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Rooms;

/// <summary>Where resume tokens live outside their room, so a Resume on a new connection finds its room (the
/// in-memory <see cref="RoomManager"/>, later the cluster's <c>resume:{sha256}</c> keys, ARCHITECTURE.md §15).</summary>
/// <remarks>Called on room tick threads; implementations must be thread-safe and must not block. Only hashes are
/// passed: the token itself never leaves the room host and the client.</remarks>
internal interface IResumeRegistry
{
    /// <summary>A token was issued for a seat of <paramref name="roomId"/>.</summary>
    public void Issued(string tokenHash, RoomId roomId);

    /// <summary>A token was used, rotated away, or its seat released.</summary>
    public void Revoked(string tokenHash);
}
