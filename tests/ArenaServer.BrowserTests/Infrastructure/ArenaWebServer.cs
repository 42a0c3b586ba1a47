using ArenaServer.Abstractions.Rooms;
using ArenaServer.Samples.Arena;
using ArenaServer.Testing;

namespace ArenaServer.BrowserTests.Infrastructure;

/// <summary>Starts a <see cref="TestArenaServer"/> as the Host composes it (sample room type <c>arena</c>, 30 Hz, 16
/// seats) serving the bundled client from <c>client-web/</c> next to this assembly.</summary>
internal static class ArenaWebServer
{
    public const string RoomType = "arena";

    public static string StaticRoot => Path.Combine(AppContext.BaseDirectory, "client-web");

    public static Task<TestArenaServer> StartAsync(Action<RoomOptions>? configureRoom = null)
    {
        if (!File.Exists(Path.Combine(StaticRoot, "app.js")))
        {
            throw new InvalidOperationException($"{StaticRoot}/app.js is missing: the build bundles client-web (node and npm must be on PATH).");
        }

        return TestArenaServer.StartAsync(
            settings => settings["Arena:Http:StaticRoot"] = StaticRoot,
            server => server.AddRoomType<ArenaRoom, IArenaInput, IArenaOutput>(RoomType, ArenaMessages.Inputs, ArenaMessages.Outputs, room =>
            {
                room.TickRate = 30;
                room.MaxPlayers = 16;
                configureRoom?.Invoke(room);
            }));
    }
}
