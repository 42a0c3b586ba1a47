using System.Runtime.CompilerServices;

namespace ArenaServer.BrowserTests.Infrastructure;

/// <summary>Where screenshots go: <c>screenshots/</c> next to the test assembly (kept by CI as artifacts). A test's
/// body runs through <see cref="RunAsync"/>, which screenshots every page when it fails and names the files in the
/// rethrown exception (ARCHITECTURE.md §16).</summary>
internal static class TestArtifacts
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string PathFor(string test, string label) => Path.Combine(Directory, $"{test}-{label}.png");

    /// <summary>Refreshes the README's screenshot, <c>docs/img/arena.png</c>, only when <c>ARENA_UPDATE_DOCS_IMAGE=1</c>,
    /// so an ordinary test run never dirties the checkout.</summary>
    public static async Task SaveDocsImageAsync(ArenaPage page)
    {
        if (Environment.GetEnvironmentVariable("ARENA_UPDATE_DOCS_IMAGE") == "1")
        {
            await page.ScreenshotAsync(Path.Combine(RepositoryPaths.Root, "docs", "img", "arena.png"));
        }
    }

    public static async Task RunAsync(IReadOnlyList<ArenaPage> pages, Func<Task> body, [CallerMemberName] string test = "")
    {
        try
        {
            await body();
        }
        catch (Exception ex)
        {
            var notes = new List<string>();
            foreach (ArenaPage page in pages)
            {
                string path = PathFor($"{test}-failed", page.Label);
                try
                {
                    await page.ScreenshotAsync(path);
                    notes.Add($"{page.Label}: {path}; {await page.DescribeAsync()}");
                }
                catch (Exception screenshotFailure) when (screenshotFailure is Microsoft.Playwright.PlaywrightException or TimeoutException)
                {
                    notes.Add($"{page.Label}: no screenshot ({screenshotFailure.Message})");
                }
            }

            throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}{string.Join(Environment.NewLine, notes)}", ex);
        }
    }
}
