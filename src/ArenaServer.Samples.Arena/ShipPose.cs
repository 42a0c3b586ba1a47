namespace ArenaServer.Samples.Arena;

/// <summary>Where a ship was at the end of a tick: what lag-compensated shots are judged against.</summary>
/// <param name="PlayerId">The owner's player id.</param>
/// <param name="X">Position.</param>
/// <param name="Y">Position.</param>
/// <param name="Alive">Whether it could be hit then.</param>
internal readonly record struct ShipPose(int PlayerId, float X, float Y, bool Alive);
