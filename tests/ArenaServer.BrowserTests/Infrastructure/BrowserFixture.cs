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
        // The servers under test share this process's thread pool with Playwright and the test framework; on 2 cores
        // the pool starts with two threads and adds one every ~0.5 s, long enough to break a 300 ms latency budget.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));

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
