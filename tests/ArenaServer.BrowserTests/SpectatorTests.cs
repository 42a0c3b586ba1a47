using System.Text.Json;
using ArenaServer.BrowserTests.Infrastructure;
using ArenaServer.Testing;

namespace ArenaServer.BrowserTests;

/// <summary>Spectate mode: the page watches the room (ships, names, scores) without a ship of its own.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SpectatorTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Spectate_SeesTheShips_AndCannotMove()
    {
        await using TestArenaServer server = await ArenaWebServer.StartAsync().DefaultTimeout();
        await using var pages = new PageSet(fixture.Browser, server);
        await pages.RunAsync(async () =>
        {
            ArenaPage player = await pages.OpenAsync("player");
            JsonElement playerSeat = await player.WaitForSeatAsync();
            int playerId = playerSeat.GetProperty("playerId").GetInt32();

            ArenaPage watcher = await pages.OpenAsync("watcher");
            await watcher.WaitForSeatAsync();
            // Ticking Spectate rejoins the same room in the other role.
            await watcher.Page.CheckAsync("#spectate").DefaultTimeout();
            JsonElement seat = await watcher.WaitForAsync(
                "(a, id) => a.state === 'joined' && a.spectator && a.ships.some(s => s.id === id) && { playerId: a.playerId, roomId: a.roomId }", playerId);
            Assert.Equal(playerSeat.GetProperty("roomId").GetString(), seat.GetProperty("roomId").GetString());
            int watcherId = seat.GetProperty("playerId").GetInt32();

            // The watcher has no ship, and its keys send nothing.
            ShipView[] ships = await watcher.ShipsAsync();
            Assert.DoesNotContain(ships, s => s.Id == watcherId);
            await watcher.Page.Keyboard.DownAsync("ArrowRight").DefaultTimeout();
            await watcher.Page.Keyboard.PressAsync("Space").DefaultTimeout();

            // Meanwhile the player moves, and the watcher sees it.
            ShipView start = await player.OwnShipAsync();
            string key = start.X < 50 ? "ArrowRight" : "ArrowLeft";
            await player.Page.Keyboard.DownAsync(key).DefaultTimeout();
            await watcher.WaitForAsync("(a, p) => { const s = a.ships.find(s => s.id === p.id); return s && Math.abs(s.x - p.x) > 2 && s; }",
                new { id = playerId, x = start.X });
            await player.Page.Keyboard.UpAsync(key).DefaultTimeout();
            await watcher.Page.Keyboard.UpAsync("ArrowRight").DefaultTimeout();

            Assert.Equal(0, await watcher.EvaluateAsync<int>("window.arena.inputsSent"));
            Assert.DoesNotContain(await watcher.ShipsAsync(), s => s.Id == watcherId);
            // The watcher's earlier player seat was released by its Leave: the room has one ship again.
            await player.WaitForAsync("(a) => a.ships.length === 1 && { ok: 1 }");

            // The player's page lists the watcher as a spectator.
            await player.WaitForAsync("(a, id) => a.presence.some(p => p.playerId === id && p.role === 1) && { ok: 1 }", watcherId);
        });
    }
}
