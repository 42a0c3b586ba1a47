using Microsoft.Playwright;

namespace ArenaServer.BrowserTests.Infrastructure;

/// <summary>One Chromium for the whole collection: launching costs seconds on a 2-core machine, a fresh browser
/// context per page costs milliseconds and isolates sessionStorage just as well.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not launched.");

    public async Task InitializeAsync()
    {
        (_playwright, _browser) = await Chromium.LaunchAsync().TimeoutAfter(Chromium.LaunchTimeout);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync().DefaultTimeout();
        }

        _playwright?.Dispose();
    }
}
