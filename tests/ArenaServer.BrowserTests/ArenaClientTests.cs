using System.Text.Json;
using System.Text.RegularExpressions;
using ArenaServer.BrowserTests.Infrastructure;
using ArenaServer.Testing;

namespace ArenaServer.BrowserTests;

/// <summary>Issue 6 end to end: the bundled client served at <c>/</c>, driven in headless Chromium against the real
/// server on loopback. Pages are read through <c>window.arena</c>, never through pixels.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ArenaClientTests(BrowserFixture fixture)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task OpenRoot_TwoPages_JoinTheSameRoomSeeEachOtherAndShowAnRtt()
    {
        await using TestArenaServer server = await ArenaWebServer.StartAsync().DefaultTimeout();
        await using var pages = new PageSet(fixture.Browser, server);
        await pages.RunAsync(async () =>
    {
            (ArenaPage a, JsonElement seatA, ArenaPage b, JsonElement seatB) = await pages.OpenTwoSeatedAsync();

            // Opening / with no user action joined the same public room, as two different players.
            Assert.Equal(seatA.GetProperty("roomId").ToString(), seatB.GetProperty("roomId").ToString());
            int idA = seatA.GetProperty("playerId").GetInt32();
            int idB = seatB.GetProperty("playerId").GetInt32();
            Assert.NotEqual(idA, idB);
            Assert.Equal(1, await a.Page.Locator("canvas#arena").CountAsync().DefaultTimeout());

            // Each page sees both ships, and both HUDs show an RTT from the server's Latency messages.
            foreach (ArenaPage page in new[] { a, b })
            {
                await page.WaitForAsync("(a, ids) => ids.every(id => a.ships.some(s => s.id === id)) && a.rtt !== null && a.rtt > 0 && { rtt: a.rtt }", new[] { idA, idB });
                await page.WaitForAsync("(a) => /^\\d+\\.\\d ms$/.test(document.getElementById('rtt').textContent) && document.getElementById('state').dataset.state === 'joined' && { ok: 1 }");
                string rttText = await page.Page.Locator("#rtt").TextContentAsync().DefaultTimeout() ?? string.Empty;
                Assert.Matches(RttText(), rttText);
                string stateText = await page.Page.Locator("#state").TextContentAsync().DefaultTimeout() ?? string.Empty;
                Assert.Equal("connected", stateText);
            }

            // Generated names, each 1–24 characters, shown in the scoreboard.
            string nameA = await a.EvaluateAsync<string>("window.arena.name");
            Assert.InRange(nameA.Length, 1, 24);
            await b.WaitForAsync("(a, name) => document.getElementById('scores').textContent.includes(name) && { ok: 1 }", nameA);
            await a.ScreenshotAsync(TestArtifacts.PathFor(nameof(OpenRoot_TwoPages_JoinTheSameRoomSeeEachOtherAndShowAnRtt), "a"));
            await b.ScreenshotAsync(TestArtifacts.PathFor(nameof(OpenRoot_TwoPages_JoinTheSameRoomSeeEachOtherAndShowAnRtt), "b"));
        });
    }

    [Fact]
    public async Task KeyPress_InPageA_MovesAsShipInPageB()
    {
        await using TestArenaServer server = await ArenaWebServer.StartAsync().DefaultTimeout();
        await using var pages = new PageSet(fixture.Browser, server);
        await pages.RunAsync(async () =>
    {
            (ArenaPage a, JsonElement seatA, ArenaPage b, _) = await pages.OpenTwoSeatedAsync();
            int idA = seatA.GetProperty("playerId").GetInt32();
            ShipView start = await b.WaitForShipAsync(idA);

            // Away from the nearer wall, so the ship can move.
            string key = start.X < 50 ? "KeyD" : "KeyA";
            await a.Page.Keyboard.DownAsync(key).DefaultTimeout();
            JsonElement moved = await b.WaitForAsync("(a, p) => { const s = a.ships.find(s => s.id === p.id); return s && Math.abs(s.x - p.x) > 2 && s; }",
                new { id = idA, x = start.X });
            await a.Page.Keyboard.UpAsync(key).DefaultTimeout();

            ShipView seenInB = moved.Deserialize<ShipView>(s_json)!;
            Assert.Equal(start.X < 50, seenInB.X > start.X);
            Assert.Equal(start.Y, seenInB.Y, 3);

            // A's own view moved the same way (prediction reconciled with the server), B's ship did not move.
            ShipView own = await a.OwnShipAsync();
            Assert.Equal(start.X < 50, own.X > start.X);
            await a.ScreenshotAsync(TestArtifacts.PathFor(nameof(KeyPress_InPageA_MovesAsShipInPageB), "a"));
        });
    }

    [Fact]
    public async Task Rename_AndClickToShoot_OtherPageSeesTheNewNameAndTheShotIsSent()
    {
        await using TestArenaServer server = await ArenaWebServer.StartAsync().DefaultTimeout();
        await using var pages = new PageSet(fixture.Browser, server);
        await pages.RunAsync(async () =>
        {
            (ArenaPage a, JsonElement seatA, ArenaPage b, _) = await pages.OpenTwoSeatedAsync();
            string room = seatA.GetProperty("roomId").GetString()!;

            // Rename rejoins the same room under the new name; the other page's scoreboard shows it (Presence).
            await a.Page.FillAsync("#name", "  Renamed   Pilot  ").DefaultTimeout();
            await a.Page.PressAsync("#name", "Enter").DefaultTimeout();
            JsonElement seat = await a.WaitForAsync("(a) => a.state === 'joined' && a.name === 'Renamed Pilot' && a.tick > 0 && { playerId: a.playerId, roomId: a.roomId }");
            Assert.Equal(room, seat.GetProperty("roomId").GetString());
            int id = seat.GetProperty("playerId").GetInt32();
            await b.WaitForAsync("(a, id) => a.presence.some(p => p.playerId === id && p.name === 'Renamed Pilot') && document.getElementById('scores').textContent.includes('Renamed Pilot') && { ok: 1 }", id);

            // A click on the canvas fires: one Fire input goes out with the next tick.
            int seq = await a.EvaluateAsync<int>("window.arena.seq");
            await a.Page.ClickAsync("canvas#arena").DefaultTimeout();
            await a.WaitForAsync("(a, seq) => a.seq === seq + 1 && a.ackedSeq >= seq + 1 && { ok: 1 }", seq);
        });
    }

    [GeneratedRegex(@"^\d+\.\d ms$")]
    private static partial Regex RttText();
}
