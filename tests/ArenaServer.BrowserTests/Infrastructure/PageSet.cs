using System.Runtime.CompilerServices;
using System.Text.Json;
using ArenaServer.Testing;
using Microsoft.Playwright;

namespace ArenaServer.BrowserTests.Infrastructure;

/// <summary>The tabs of one test against one server: opens them, screenshots them all when the test body fails
/// (<see cref="TestArtifacts"/>), and closes them.</summary>
internal sealed class PageSet(IBrowser browser, TestArenaServer server) : IAsyncDisposable
{
    private readonly List<ArenaPage> _pages = [];

    public TestArenaServer Server => server;

    public async Task<ArenaPage> OpenAsync(string label, string pathAndQuery = "/", string? initScript = null)
    {
        ArenaPage page = await ArenaPage.OpenAsync(browser, server.HttpUri, label, pathAndQuery, initScript);
        _pages.Add(page);
        return page;
    }

    /// <summary>Opens tabs "a" and "b" (two players of the public room) and waits until both are seated.</summary>
    public async Task<(ArenaPage A, JsonElement SeatA, ArenaPage B, JsonElement SeatB)> OpenTwoSeatedAsync()
    {
        ArenaPage a = await OpenAsync("a");
        ArenaPage b = await OpenAsync("b");
        JsonElement seatA = await a.WaitForSeatAsync();
        JsonElement seatB = await b.WaitForSeatAsync();
        return (a, seatA, b, seatB);
    }

    public Task RunAsync(Func<Task> body, [CallerMemberName] string test = "") => TestArtifacts.RunAsync(_pages, body, test);

    public async ValueTask DisposeAsync()
    {
        foreach (ArenaPage page in _pages)
        {
            await page.DisposeAsync();
        }
    }
}
