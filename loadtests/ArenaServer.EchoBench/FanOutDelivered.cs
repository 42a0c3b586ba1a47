namespace ArenaServer.EchoBench;

/// <summary>Called by a receiving loop for every broadcast copy that reached one of its connections.</summary>
internal delegate void FanOutDelivered(LatencyHistogram histogram, int round);
