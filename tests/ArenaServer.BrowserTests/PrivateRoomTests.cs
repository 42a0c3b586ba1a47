using System.Net.Http.Json;
using System.Text.Json;
using ArenaServer.BrowserTests.Infrastructure;
using ArenaServer.Testing;

namespace ArenaServer.BrowserTests;

/// <summary>A private room is created from the page, shared by its code, and never listed in the public lobby.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrivateRoomTests(BrowserFixture fixture)
{
    [Fact]
    public async Task PrivateRoom_CreatedInA_IsJoinableByCodeFromB_AndNotListedPublicly()
    {
        await using TestArenaServer server = await ArenaWebServer.StartAsync().DefaultTimeout();
        await using var pages = new PageSet(fixture.Browser, server);
        using var http = new HttpClient { BaseAddress = server.HttpUri };
        await pages.RunAsync(async () =>
        {
            (ArenaPage a, JsonElement seatA, ArenaPage b, _) = await pages.OpenTwoSeatedAsync();
            string publicRoom = seatA.GetProperty("roomId").GetString()!;

            await a.Page.ClickAsync("#play-private").DefaultTimeout();
            JsonElement seat = await a.WaitForAsync(
                "(a, old) => a.state === 'joined' && a.private && a.roomId !== old && a.tick > 0 && { playerId: a.playerId, roomId: a.roomId }", publicRoom);
            string code = seat.GetProperty("roomId").GetString()!;
            Assert.Equal(10, code.Length);
            JsonElement hud = await a.WaitForAsync("(a, code) => { const t = document.getElementById('room').textContent; return t.includes(code) && { text: t }; }", code);
            Assert.Contains("private", hud.GetProperty("text").GetString(), StringComparison.Ordinal);

            // The lobby lists public rooms only.
            JsonElement[] listed = await http.GetFromJsonAsync<JsonElement[]>("api/rooms?type=arena").DefaultTimeout() ?? [];
            Assert.DoesNotContain(listed, room => room.GetProperty("id").GetString() == code);
            Assert.Contains(listed, room => room.GetProperty("id").GetString() == publicRoom);

            // B types the code and joins A's private room; both see each other there.
            await b.Page.FillAsync("#code", code).DefaultTimeout();
            await b.Page.ClickAsync("#join-code").DefaultTimeout();
            JsonElement joined = await b.WaitForAsync("(a, code) => a.state === 'joined' && a.roomId === code && a.tick > 0 && { playerId: a.playerId }", code);
            int idA = seat.GetProperty("playerId").GetInt32();
            int idB = joined.GetProperty("playerId").GetInt32();
            await a.WaitForAsync("(a, id) => a.ships.some(s => s.id === id) && { ok: 1 }", idB);
            await b.WaitForAsync("(a, id) => a.ships.some(s => s.id === id) && { ok: 1 }", idA);
            Assert.Equal(2, (await b.ShipsAsync()).Length);

            listed = await http.GetFromJsonAsync<JsonElement[]>("api/rooms?type=arena").DefaultTimeout() ?? [];
            Assert.DoesNotContain(listed, room => room.GetProperty("id").GetString() == code);
            await a.ScreenshotAsync(TestArtifacts.PathFor(nameof(PrivateRoom_CreatedInA_IsJoinableByCodeFromB_AndNotListedPublicly), "a"));
        });
    }

    [Fact]
    public async Task JoinCode_UnknownRoom_SaysSoAndPlaysInThePublicRoom()
    {
        await using TestArenaServer server = await ArenaWebServer.StartAsync().DefaultTimeout();
        await using var pages = new PageSet(fixture.Browser, server);
        await pages.RunAsync(async () =>
        {
            ArenaPage a = await pages.OpenAsync("a", "/?room=NOSUCHROOM");
            JsonElement seat = await a.WaitForAsync("(a) => a.state === 'joined' && a.tick > 0 && { roomId: a.roomId, notice: a.notice }");
            Assert.NotEqual("NOSUCHROOM", seat.GetProperty("roomId").GetString());
            Assert.Contains("room not found", seat.GetProperty("notice").GetString(), StringComparison.Ordinal);
        });
    }
}
