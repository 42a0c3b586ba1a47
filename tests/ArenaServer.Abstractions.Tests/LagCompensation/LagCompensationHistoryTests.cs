using ArenaServer.Abstractions.LagCompensation;

namespace ArenaServer.Abstractions.Tests.LagCompensation;

public sealed class LagCompensationHistoryTests
{
    private static readonly TimeSpan s_interpolation = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Constructor_NonPositiveCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LagCompensationHistory<int>(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LagCompensationHistory<int>(-3));
    }

    [Fact]
    public void TryGetAt_Empty_False()
    {
        var history = new LagCompensationHistory<int>(4);

        Assert.True(history.IsEmpty);
        Assert.Equal(-1, history.NewestTick);
        Assert.Equal(-1, history.OldestTick);
        Assert.False(history.TryGetAt(0, out _));
    }

    [Fact]
    public void Record_WithinCapacity_EveryTickFound()
    {
        var history = new LagCompensationHistory<int>(4);
        history.Record(1, 10);
        history.Record(2, 20);
        history.Record(3, 30);

        Assert.Equal(1, history.OldestTick);
        Assert.Equal(3, history.NewestTick);
        Assert.True(history.TryGetAt(2, out int state));
        Assert.Equal(20, state);
        Assert.False(history.TryGetAt(4, out _));   // the future
        Assert.False(history.TryGetAt(0, out _));   // before the first record
    }

    [Fact]
    public void Record_PastCapacity_RingWrapsAndDropsOldest()
    {
        var history = new LagCompensationHistory<int>(3);
        for (long tick = 1; tick <= 7; tick++)
        {
            history.Record(tick, (int)tick * 10);
        }

        Assert.Equal(5, history.OldestTick);
        Assert.False(history.TryGetAt(4, out _));    // its slot now holds tick 7
        Assert.False(history.TryGetAt(1, out _));
        for (long tick = 5; tick <= 7; tick++)
        {
            Assert.True(history.TryGetAt(tick, out int state));
            Assert.Equal((int)tick * 10, state);
        }
    }

    [Fact]
    public void Record_ManyWraps_NewestCapacityTicksAlwaysExact()
    {
        var history = new LagCompensationHistory<long>(7);
        for (long tick = 0; tick < 1_000; tick++)
        {
            history.Record(tick, tick * tick);
            for (long back = 0; back < 7 && back <= tick; back++)
            {
                Assert.True(history.TryGetAt(tick - back, out long state));
                Assert.Equal((tick - back) * (tick - back), state);
            }

            Assert.False(history.TryGetAt(tick - 7, out _));
        }
    }

    [Fact]
    public void Record_WithGaps_GapsAndOverwrittenSlotsNotFound()
    {
        var history = new LagCompensationHistory<int>(4);
        history.Record(1, 10);
        history.Record(2, 20);
        history.Record(5, 50);   // shares slot 1 with tick 1; ticks 3 and 4 were never recorded

        Assert.Equal(2, history.OldestTick);
        Assert.True(history.TryGetAt(2, out int two));
        Assert.Equal(20, two);
        Assert.False(history.TryGetAt(3, out _));
        Assert.False(history.TryGetAt(4, out _));
        Assert.False(history.TryGetAt(1, out _));
        Assert.True(history.TryGetAt(5, out int five));
        Assert.Equal(50, five);
    }

    [Fact]
    public void Record_SameTickAgain_Replaces()
    {
        var history = new LagCompensationHistory<int>(2);
        history.Record(3, 1);

        history.Record(3, 2);

        Assert.True(history.TryGetAt(3, out int state));
        Assert.Equal(2, state);
    }

    [Fact]
    public void Record_OlderOrNegativeTick_Throws()
    {
        var history = new LagCompensationHistory<int>(2);
        history.Record(3, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => history.Record(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LagCompensationHistory<int>(2).Record(-1, 0));
    }

    [Fact]
    public void Clear_AfterRecords_EmptyAndTickNumbersReusable()
    {
        var history = new LagCompensationHistory<string>(2);
        history.Record(8, "eight");

        history.Clear();
        history.Record(1, "one");

        Assert.False(history.TryGetAt(8, out _));
        Assert.True(history.TryGetAt(1, out string? state));
        Assert.Equal("one", state);
    }

    [Fact]
    public void GetRewindTick_WithinHistory_CurrentMinusRuleTicks()
    {
        LagCompensationHistory<int> history = Filled(capacity: 30, newest: 100);

        long tick = history.GetRewindTick(100, TimeSpan.FromMilliseconds(150), s_interpolation, 30);

        Assert.Equal(95, tick);   // 100 - round(5.25)
    }

    [Fact]
    public void GetRewindTick_FurtherThanHistory_ClampedToOldest()
    {
        // 1 s of RTT and 100 ms interpolation is 18 ticks at 30 Hz, but only ticks 7..10 are kept.
        LagCompensationHistory<int> history = Filled(capacity: 4, newest: 10);

        long tick = history.GetRewindTick(10, TimeSpan.FromSeconds(1), s_interpolation, 30);

        Assert.Equal(7, tick);
        Assert.True(history.TryRewind(10, TimeSpan.FromSeconds(1), s_interpolation, 30, out long rewound, out int state));
        Assert.Equal(7, rewound);
        Assert.Equal(70, state);
    }

    [Fact]
    public void GetRewindTick_HugeRoundTrip_ClampedToOldestNotBelowZero()
    {
        LagCompensationHistory<int> history = Filled(capacity: 4, newest: 10);

        Assert.Equal(7, history.GetRewindTick(10, TimeSpan.MaxValue, TimeSpan.MaxValue, 1000));
    }

    [Fact]
    public void GetRewindTick_NoLag_NewestRecordedNeverFuture()
    {
        // Mid-tick 11 the newest record is tick 10, the state every client was sent last.
        LagCompensationHistory<int> history = Filled(capacity: 4, newest: 10);

        Assert.Equal(10, history.GetRewindTick(11, TimeSpan.Zero, TimeSpan.Zero, 30));
        Assert.Equal(10, history.GetRewindTick(10, TimeSpan.Zero, TimeSpan.Zero, 30));
        Assert.Equal(9, history.GetRewindTick(9, TimeSpan.Zero, TimeSpan.Zero, 30));
    }

    [Fact]
    public void GetRewindTick_Empty_CurrentTickAndTryRewindFalse()
    {
        var history = new LagCompensationHistory<int>(4);

        Assert.Equal(12, history.GetRewindTick(12, TimeSpan.FromMilliseconds(150), s_interpolation, 30));
        Assert.False(history.TryRewind(12, TimeSpan.FromMilliseconds(150), s_interpolation, 30, out _, out _));
    }

    [Fact]
    public void TryGetAt_AfterConstruction_DoesNotAllocate()
    {
        LagCompensationHistory<long> history = new(64);
        history.Record(0, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long sum = 0;

        for (long tick = 1; tick < 10_000; tick++)
        {
            history.Record(tick, tick);
            if (history.TryRewind(tick, TimeSpan.FromMilliseconds(150), s_interpolation, 30, out _, out long state))
            {
                sum += state;
            }
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(sum > 0);
    }

    private static LagCompensationHistory<int> Filled(int capacity, long newest)
    {
        var history = new LagCompensationHistory<int>(capacity);
        for (long tick = 1; tick <= newest; tick++)
        {
            history.Record(tick, (int)tick * 10);
        }

        return history;
    }
}
