using System.Collections.Concurrent;
using System.Text.Json;
using ArenaServer.BrowserTests.Infrastructure;
using ArenaServer.Testing;
using Microsoft.Playwright;

namespace ArenaServer.BrowserTests;

/// <summary>The debug toggle moves the page to <c>arena.v1.json</c>, so DevTools shows readable frames, and keeps
/// the ship (it reconnects and resumes).</summary>
[Collection(BrowserCollection.Name)]
public sealed class JsonDebugTests(BrowserFixture fixture)
{
    [Fact]
    public async Task JsonToggle_ReconnectsOverJson_KeepsTheSeatAndPlays()
    {
        await using TestArenaServer server = await ArenaWebServer.StartAsync().DefaultTimeout();
        await using var pages = new PageSet(fixture.Browser, server);
        await pages.RunAsync(async () =>
        {
            ArenaPage a = await pages.OpenAsync("a");
            int id = (await a.WaitForSeatAsync()).GetProperty("playerId").GetInt32();
            Assert.Equal("arena.v1.msgpack", await a.EvaluateAsync<string>("window.arena.protocol"));

            var textFrames = new ConcurrentQueue<string>();
            a.Page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            {
                if (frame.Text is not null)
                {
                    textFrames.Enqueue(frame.Text);
                }
            };

            await a.Page.CheckAsync("#json").DefaultTimeout();
            JsonElement seat = await a.WaitForAsync("(a) => a.protocol === 'arena.v1.json' && a.state === 'resumed' && { playerId: a.playerId, tick: a.tick }");
            Assert.Equal(id, seat.GetProperty("playerId").GetInt32());

            // Snapshots keep coming over JSON and the ship still answers the keyboard.
            long tick = seat.GetProperty("tick").GetInt64();
            await a.WaitForAsync("(a, t) => a.tick > t + 5 && { ok: 1 }", tick);
            ShipView start = await a.OwnShipAsync();
            await Pilot.HoldUntilAsync(a, start.Y < 50 ? "KeyS" : "KeyW", id, $"Math.abs(m.y - {start.Y.ToString(System.Globalization.CultureInfo.InvariantCulture)}) > 2");
            Assert.Contains(textFrames, text => text.StartsWith("[66,", StringComparison.Ordinal));
            Assert.Contains(textFrames, text => text.StartsWith("[65,", StringComparison.Ordinal));
            Assert.Equal("arena.v1.json", await a.Page.Locator("#protocol").TextContentAsync().DefaultTimeout());

            // The choice sticks for the tab: a reload stays on JSON.
            await a.Page.ReloadAsync().DefaultTimeout();
            await a.WaitForAsync("(a) => a.protocol === 'arena.v1.json' && a.state === 'resumed' && { ok: 1 }");
            Assert.True(await a.Page.IsCheckedAsync("#json").DefaultTimeout());
        });
    }
}
