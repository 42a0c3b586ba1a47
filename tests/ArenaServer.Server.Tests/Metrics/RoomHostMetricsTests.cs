using System.Diagnostics.Metrics;
using System.Text;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Metrics;
using ArenaServer.Server.Rooms;
using ArenaServer.Server.Tests.Rooms;
using ArenaServer.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ArenaServer.Server.Tests.Metrics;

public sealed class RoomHostMetricsTests : IDisposable
{
    private readonly object _scope = new();
    private readonly Meter _meter;
    private readonly MetricsCollector _collector;
    private readonly ManualClock _clock = new();

    public RoomHostMetricsTests()
    {
        _meter = new Meter(new MeterOptions(TransportMetrics.MeterName) { Scope = _scope });
        _collector = new MetricsCollector(_scope);
    }

    public void Dispose()
    {
        _collector.Dispose();
        _meter.Dispose();
    }

    private RoomHost<TestRoom, ITestInput, ITestOutput> CreateHost(RoomOptions options)
    {
        var host = new RoomHost<TestRoom, ITestInput, ITestOutput>(new RoomId("r1"), new RoomCreateArgs("test", default),
            new TestRoom(), TestMessages.Outputs, options, _clock, 1, NullLogger.Instance);
        host.AttachMetrics(new RoomMetrics(_meter));
        host.Start();
        return host;
    }

    [Fact]
    public void RecentTickP99_HundredTicks_NearestRank()
    {
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost(new RoomOptions());
        Assert.Equal(TimeSpan.Zero, host.RecentTickP99);

        for (int ms = 100; ms >= 1; ms--)
        {
            host.RecordTickDuration(TimeSpan.FromMilliseconds(ms));
        }

        // Nearest rank over 100 samples: the 99th smallest.
        Assert.Equal(TimeSpan.FromMilliseconds(99), host.RecentTickP99);
    }

    [Fact]
    public void RecentTickP99_MoreTicksThanTheRing_OnlyRecentOnesCount()
    {
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost(new RoomOptions());

        for (int ms = 1; ms <= 300; ms++)
        {
            host.RecordTickDuration(TimeSpan.FromMilliseconds(ms));
        }

        // The ring keeps 45..300 (256 values); the 254th smallest of them is 298.
        Assert.Equal(TimeSpan.FromMilliseconds(298), host.RecentTickP99);
    }

    [Fact]
    public void RecentTickP99_FewTicks_Maximum()
    {
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost(new RoomOptions());

        host.RecordTickDuration(TimeSpan.FromMilliseconds(2));
        host.RecordTickDuration(TimeSpan.FromMilliseconds(7));
        host.RecordTickDuration(TimeSpan.FromMilliseconds(1));

        Assert.Equal(TimeSpan.FromMilliseconds(7), host.RecentTickP99);
    }

    [Fact]
    public void Advance_TicksAndStall_HistogramCountsAndSkippedTicksByRoomType()
    {
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost(new RoomOptions { TickRate = 10, MaxCatchUpTicks = 2 });

        _clock.Advance(TimeSpan.FromMilliseconds(300));
        int first = host.Advance();   // 3 due, 2 run (catch-up cap), 1 skipped
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        int second = host.Advance();

        string text = Encoding.UTF8.GetString(_collector.Scrape());
        Assert.Equal(2, first);
        Assert.Equal(1, second);
        Assert.Contains("arena_tick_duration_seconds_count{room_type=\"test\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("arena_tick_skipped_total{room_type=\"test\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("arena_tick_overruns_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_AfterTicks_CreatedAtAndTickP99Published()
    {
        DateTimeOffset started = _clock.GetUtcNow();
        RoomHost<TestRoom, ITestInput, ITestOutput> host = CreateHost(new RoomOptions { TickRate = 10 });
        host.RecordTickDuration(TimeSpan.FromMilliseconds(4));

        _clock.Advance(TimeSpan.FromSeconds(1.05));
        host.Advance();

        RoomInfo info = Assert.IsType<RoomInfo>(host.Info);
        Assert.Equal(started, info.CreatedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(4), info.TickP99); // the manual clock does not move during a tick
    }
}
