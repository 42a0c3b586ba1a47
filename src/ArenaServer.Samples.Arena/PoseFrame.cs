namespace ArenaServer.Samples.Arena;

/// <summary>Every ship's pose at the end of one tick. The arrays are the room's own, reused ring-wise, so recording a
/// tick allocates nothing once the ring has grown to the player count.</summary>
/// <param name="Poses">The buffer.</param>
/// <param name="Count">How many entries are valid.</param>
internal readonly record struct PoseFrame(ShipPose[] Poses, int Count)
{
    public bool TryFind(int playerId, out ShipPose pose)
    {
        for (int i = 0; i < Count; i++)
        {
            if (Poses[i].PlayerId == playerId)
            {
                pose = Poses[i];
                return true;
            }
        }

        pose = default;
        return false;
    }
}
