using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Rooms;

/// <summary>Feeds a connection's RTT samples (heartbeat, RFC 6298 smoothing) to its seat's <see cref="Player"/>.</summary>
/// <remarks>Any thread: the sample is stored and copied into the player at the room's next tick start, so room code
/// sees a value that is stable within a tick.</remarks>
internal static class PlayerLatency
{
    /// <summary>Reports the latest smoothed RTT and variation of <paramref name="player"/>'s connection.</summary>
    public static void Report(Player player, TimeSpan roundTripTime, TimeSpan jitter)
    {
        ArgumentNullException.ThrowIfNull(player);
        player.ReportLatency(roundTripTime, jitter);
    }
}
