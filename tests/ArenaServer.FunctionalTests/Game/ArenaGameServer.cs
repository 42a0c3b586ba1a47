using ArenaServer.Samples.Arena;
using ArenaServer.Testing;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>Starts a <see cref="TestArenaServer"/> with the sample game registered as room type <c>arena</c>, as the
/// Host registers it.</summary>
internal static class ArenaGameServer
{
    public const string RoomType = "arena";

    public static Task<TestArenaServer> StartAsync(Action<IDictionary<string, string?>>? configure = null)
        => TestArenaServer.StartAsync(configure, server => server.AddRoomType<ArenaRoom, IArenaInput, IArenaOutput>(
            RoomType, ArenaMessages.Inputs, ArenaMessages.Outputs, room => { room.TickRate = 30; room.MaxPlayers = 16; }));

    /// <summary>Starts the game server with a Ping every 100 ms, so a test sees round-trip samples (Latency messages,
    /// RTT metrics) within its timeouts.</summary>
    public static Task<TestArenaServer> StartWithFastPingsAsync()
        => StartAsync(c => c["Arena:Transport:PingInterval"] = "00:00:00.100");
}
