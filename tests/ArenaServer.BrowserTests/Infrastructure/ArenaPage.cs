using System.Text.Json;
using Microsoft.Playwright;

namespace ArenaServer.BrowserTests.Infrastructure;

/// <summary>One player's tab: its own browser context (so its own sessionStorage), the page, and typed reads of the
/// client's <c>window.arena</c> debug object. Waits poll the page with explicit deadlines, never fixed sleeps.</summary>
internal sealed class ArenaPage : IAsyncDisposable
{
    /// <summary>Joining includes the WebSocket upgrade, the Join round trip and the first snapshot; generous for a
    /// loaded 2-core machine.</summary>
    public static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly IBrowserContext _context;
    private readonly List<string> _console = [];

    private ArenaPage(string label, IBrowserContext context, IPage page)
    {
        Label = label;
        _context = context;
        Page = page;
        page.Console += (_, message) => _console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => _console.Add($"pageerror: {error}");
    }

    public string Label { get; }

    public IPage Page { get; }

    /// <summary>The page's console output and uncaught errors so far, for failure messages.</summary>
    public IReadOnlyList<string> ConsoleLines => _console;

    public static async Task<ArenaPage> OpenAsync(IBrowser browser, Uri server, string label, string pathAndQuery = "/",
        string? initScript = null)
    {
        IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 760 },
        }).DefaultTimeout();
        try
        {
            if (initScript is not null)
            {
                await context.AddInitScriptAsync(initScript).DefaultTimeout();
            }

            IPage page = await context.NewPageAsync().DefaultTimeout();
            var arenaPage = new ArenaPage(label, context, page);
            IResponse? response = await page.GotoAsync(new Uri(server, pathAndQuery).ToString(),
                new PageGotoOptions { Timeout = (float)StateTimeout.TotalMilliseconds }).DefaultTimeout();
            if (response is null || response.Status != 200)
            {
                throw new InvalidOperationException($"GET {pathAndQuery} answered {response?.Status.ToString() ?? "nothing"}.");
            }

            return arenaPage;
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>Waits until <paramref name="predicate"/> (a JavaScript function of <c>(arena, arg)</c>) returns a truthy
    /// value, and returns that value as JSON.</summary>
    /// <summary>Waits until this page's state has the ship of <paramref name="playerId"/>, and returns it.</summary>
    public async Task<ShipView> WaitForShipAsync(int playerId)
        => (await WaitForAsync("(a, id) => a.ships.find(s => s.id === id)", playerId)).Deserialize<ShipView>(s_json)!;

    public async Task<JsonElement> WaitForAsync(string predicate, object? arg = null, TimeSpan? timeout = null)
    {
        TimeSpan deadline = timeout ?? StateTimeout;
        string expression = $"(arg) => {{ const arena = window.arena; if (!arena) return false; const v = ({predicate})(arena, arg); return v ? JSON.stringify(v) : false; }}";
        try
        {
            IJSHandle handle = await Page.WaitForFunctionAsync(expression, arg, new PageWaitForFunctionOptions
            {
                Timeout = (float)deadline.TotalMilliseconds,
                PollingInterval = 15,
            }).TimeoutAfter(deadline + TimeSpan.FromSeconds(10));
            string json = await handle.JsonValueAsync<string>().DefaultTimeout();
            return JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{Label}: waited {deadline.TotalSeconds} s for {predicate}; state {await DescribeAsync()}", ex);
        }
    }

    /// <summary>Waits until the page holds a seat (joined or resumed) and has applied a snapshot.</summary>
    public Task<JsonElement> WaitForSeatAsync()
        => WaitForAsync("(a) => (a.state === 'joined' || a.state === 'resumed') && a.playerId !== null && a.tick > 0 && { playerId: a.playerId, roomId: a.roomId }");

    public async Task<T> EvaluateAsync<T>(string expression)
    {
        string json = await Page.EvaluateAsync<string>($"() => JSON.stringify({expression})").DefaultTimeout();
        return JsonSerializer.Deserialize<T>(json, s_json)!;
    }

    public Task<int> PlayerIdAsync() => EvaluateAsync<int>("window.arena.playerId");

    public Task<string> RoomIdAsync() => EvaluateAsync<string>("String(window.arena.roomId)");

    public Task<ShipView[]> ShipsAsync() => EvaluateAsync<ShipView[]>("window.arena.ships");

    public async Task<ShipView> OwnShipAsync()
    {
        int id = await PlayerIdAsync();
        ShipView[] ships = await ShipsAsync();
        return ships.SingleOrDefault(s => s.Id == id) ?? throw new InvalidOperationException($"{Label}: own ship {id} is not in the snapshot.");
    }

    /// <summary>Waits until every input this page sent has been consumed by the room (the last Move is in effect).</summary>
    public Task SettleAsync()
        => WaitForAsync("(a) => a.ackedSeq >= a.seq && { seq: a.seq }");

    public async Task<string> DescribeAsync()
    {
        try
        {
            string state = await Page.EvaluateAsync<string>(
                "() => window.arena ? JSON.stringify({ state: arena.state, playerId: arena.playerId, roomId: arena.roomId, tick: arena.tick, seq: arena.seq, ackedSeq: arena.ackedSeq, notice: arena.notice, ships: arena.ships }) : 'no window.arena'")
                .TimeoutAfter(TimeSpan.FromSeconds(5));
            return $"{state}; console: [{string.Join(" | ", _console.TakeLast(10))}]";
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return $"(unreadable: {ex.Message}); console: [{string.Join(" | ", _console.TakeLast(10))}]";
        }
    }

    public async Task ScreenshotAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Timeout = 10_000 }).TimeoutAfter(TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _context.CloseAsync().TimeoutAfter(TimeSpan.FromSeconds(20));
        }
        catch (PlaywrightException)
        {
            // The browser is already gone; nothing left to close.
        }
    }
}
