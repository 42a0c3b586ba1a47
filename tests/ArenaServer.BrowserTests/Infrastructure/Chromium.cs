using Microsoft.Playwright;

namespace ArenaServer.BrowserTests.Infrastructure;

/// <summary>Launches Debian's headless Chromium through Playwright for .NET; no browser is downloaded
/// (ARCHITECTURE.md §16). The options are those of the functional tests' launcher.</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Starting the Playwright driver (node) and a browser takes seconds on a busy 2-core machine: far longer
    /// than an await inside a test, so launching gets its own deadline.</summary>
    public static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(60);

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
                Headless = true,
                Timeout = (float)LaunchTimeout.TotalMilliseconds,
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
