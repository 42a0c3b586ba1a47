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
}
