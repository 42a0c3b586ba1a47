namespace ArenaServer.BrowserTests.Infrastructure;

/// <summary>Browser tests share one Chromium and run one at a time: each drives two or three pages at 30 Hz, which
/// is what a 2-core machine can show smoothly.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
