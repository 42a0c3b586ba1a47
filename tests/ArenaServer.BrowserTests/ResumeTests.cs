using System.Text.Json;
using ArenaServer.BrowserTests.Infrastructure;
using ArenaServer.Testing;

namespace ArenaServer.BrowserTests;

/// <summary>The seat survives a reload: the resume token lives in the tab's sessionStorage (PROTOCOL.md §6.3).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ResumeTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Reload_WithinGracePeriod_KeepsPlayerIdAndScore()
    {
        await using TestArenaServer server = await ArenaWebServer.StartAsync().DefaultTimeout();
        await using var pages = new PageSet(fixture.Browser, server);
        await pages.RunAsync(async () =>
        {
            (ArenaPage a, JsonElement seatA, ArenaPage b, JsonElement seatB) = await pages.OpenTwoSeatedAsync();
            int idA = seatA.GetProperty("playerId").GetInt32();
            int idB = seatB.GetProperty("playerId").GetInt32();
            await a.WaitForAsync("(a, id) => a.ships.some(s => s.id === id) && { ok: 1 }", idB);

            int score = await Pilot.ScoreAHitAsync(a, idB);
            Assert.True(score >= 1);
            int seq = await a.EvaluateAsync<int>("window.arena.seq");
            await a.WaitForAsync("(a, score) => document.getElementById('scores').textContent.includes(String(score)) && { ok: 1 }", score);
            await a.ScreenshotAsync(TestArtifacts.PathFor(nameof(Reload_WithinGracePeriod_KeepsPlayerIdAndScore), "a-scored"));
            await TestArtifacts.SaveDocsImageAsync(a);

            await a.Page.ReloadAsync().DefaultTimeout();

            // Same seat: resumed (not joined), same player id, the score kept, and the input sequence continues.
            JsonElement seat = await a.WaitForAsync("(a) => a.state === 'resumed' && a.playerId !== null && a.tick > 0 && { playerId: a.playerId, roomId: a.roomId }");
            Assert.Equal(idA, seat.GetProperty("playerId").GetInt32());
            ShipView own = await a.OwnShipAsync();
            Assert.Equal(score, own.Score);
            Assert.True(await a.EvaluateAsync<int>("window.arena.seq") >= seq);

            // B still sees A's ship (one ship, not a second one), and A can still move it.
            ShipView[] seenByB = await b.ShipsAsync();
            Assert.Single(seenByB, s => s.Id == idA);
            await Pilot.TapAsync(a, own.X < 50 ? "ArrowRight" : "ArrowLeft");
            Assert.Contains("Resumed", await a.EvaluateAsync<string>("window.arena.notice"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Reload_AfterTheSeatExpired_RejoinsCleanlyAndSaysSo()
    {
        await using TestArenaServer server = await ArenaWebServer.StartAsync().DefaultTimeout();
        await using var pages = new PageSet(fixture.Browser, server);
        await pages.RunAsync(async () =>
        {
            // A tab whose stored seat is gone (its grace period ran out long ago): the server answers the Resume with
            // 4006, and the client joins again in the same room, as a new player, and tells the player why.
            ArenaPage a = await pages.OpenAsync("a");
            JsonElement first = await a.WaitForSeatAsync();
            string staleSeat = JsonSerializer.Serialize(new
            {
                token = "AAAAAAAAAAAAAAAAAAAAAA",
                roomId = first.GetProperty("roomId").GetString(),
                playerId = 9999,
                seq = 5,
                lastTick = 1,
            });
            ArenaPage b = await pages.OpenAsync("b", "/",
                $"if (!sessionStorage.getItem('arena.injected')) {{ sessionStorage.setItem('arena.injected', '1'); sessionStorage.setItem('arena.session', {JsonSerializer.Serialize(staleSeat)}); }}");

            JsonElement seat = await b.WaitForAsync("(a) => a.state === 'joined' && a.playerId !== null && a.tick > 0 && { playerId: a.playerId, roomId: a.roomId, notice: a.notice }");
            Assert.NotEqual(9999, seat.GetProperty("playerId").GetInt32());
            Assert.Equal(first.GetProperty("roomId").GetString(), seat.GetProperty("roomId").GetString());
            Assert.Contains("expired", seat.GetProperty("notice").GetString(), StringComparison.Ordinal);
            string noticeText = await b.Page.Locator("#notice").TextContentAsync().DefaultTimeout() ?? string.Empty;
            Assert.Contains("joined again", noticeText, StringComparison.Ordinal);

            // The new seat is stored, so a reload now resumes it.
            await b.Page.ReloadAsync().DefaultTimeout();
            JsonElement resumed = await b.WaitForAsync("(a) => a.state === 'resumed' && a.tick > 0 && { playerId: a.playerId }");
            Assert.Equal(seat.GetProperty("playerId").GetInt32(), resumed.GetProperty("playerId").GetInt32());
        });
    }
}
