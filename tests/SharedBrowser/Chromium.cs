using Microsoft.Playwright;

namespace ArenaServer.Tests;

/// <summary>Launches Debian's headless Chromium through Playwright for .NET; no browser is downloaded
/// (ARCHITECTURE.md §16). Compiled into the test projects that reference Microsoft.Playwright (FunctionalTests,
/// BrowserTests), from tests/SharedBrowser.</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Starting the Playwright driver (node) and a browser takes seconds on a busy 2-core machine: far longer
    /// than an await inside a test, so launching gets its own deadline.</summary>
    public static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="action"/>; if it fails, saves a screenshot of <paramref name="page"/> and names
    /// its path in the rethrown exception (ARCHITECTURE.md §16).</summary>
    public static async Task<T> WithScreenshotOnFailureAsync<T>(IPage page, string name, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex)
        {
            string path = Path.Combine(Path.GetTempPath(), $"arena-{name}-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Timeout = 5000 });
            }
            catch (PlaywrightException)
            {
                path = "(no screenshot: the page is gone)";
            }

            throw new InvalidOperationException($"{ex.Message} Screenshot: {path}", ex);
        }
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: install it with `apt-get install -y chromium` (a step of .ci/run).");
        }

        IPlaywright playwright = await Playwright.CreateAsync();
        try
        {
            IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Timeout = (float)LaunchTimeout.TotalMilliseconds,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic",
                ],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
