namespace ArenaServer.Server.Metrics;

/// <summary>A room host that records the room engine's instruments once given them.</summary>
internal interface IMeteredRoom
{
    /// <summary>Hands the host the server's instruments; call before the room is placed on a tick thread.</summary>
    /// <param name="metrics">The instruments.</param>
    public void AttachMetrics(RoomMetrics metrics);
}
