using ArenaServer.Abstractions.LagCompensation;

namespace ArenaServer.Abstractions.Tests.LagCompensation;

public sealed class RewindRuleTests
{
    [Theory]
    [InlineData(150, 100, 30, 5)]   // (75 + 100) ms * 30 Hz = 5.25
    [InlineData(0, 0, 30, 0)]       // no lag: the present
    [InlineData(100, 0, 60, 3)]     // 50 ms at 60 Hz
    [InlineData(150, 200, 20, 6)]   // 275 ms / 50 ms = 5.5: halves round away from zero
    [InlineData(50, 200, 20, 5)]    // 225 ms / 50 ms = 4.5
    [InlineData(40, 0, 20, 0)]      // 20 ms / 50 ms = 0.4
    [InlineData(60, 0, 20, 1)]      // 30 ms / 50 ms = 0.6
    [InlineData(1000, 100, 30, 18)] // 600 ms * 30 Hz
    public void TicksBehind_Milliseconds_RoundsToNearestTick(int rttMs, int interpolationMs, int tickRate, long expected)
    {
        long behind = RewindRule.TicksBehind(TimeSpan.FromMilliseconds(rttMs), TimeSpan.FromMilliseconds(interpolationMs), tickRate);

        Assert.Equal(expected, behind);
    }

    [Fact]
    public void TicksBehind_HalfTickOfRttBelowMidpoint_RoundsDown()
    {
        // RTT/2 is half a TimeSpan tick short of 75 ms: 5.4999999 ticks at 20 Hz must not become 6 through rounding
        // RTT/2 first (the arithmetic is done in half-ticks, exactly).
        TimeSpan rtt = TimeSpan.FromMilliseconds(150) - TimeSpan.FromTicks(1);

        Assert.Equal(5, RewindRule.TicksBehind(rtt, TimeSpan.FromMilliseconds(200), 20));
        Assert.Equal(6, RewindRule.TicksBehind(rtt + TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(200), 20));
    }

    [Fact]
    public void TicksBehind_HugeRoundTrip_DoesNotOverflow()
    {
        long behind = RewindRule.TicksBehind(TimeSpan.MaxValue, TimeSpan.MaxValue, int.MaxValue);

        Assert.Equal(long.MaxValue, behind);
    }

    [Fact]
    public void TicksBehind_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RewindRule.TicksBehind(TimeSpan.FromTicks(-1), TimeSpan.Zero, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => RewindRule.TicksBehind(TimeSpan.Zero, TimeSpan.FromTicks(-1), 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => RewindRule.TicksBehind(TimeSpan.Zero, TimeSpan.Zero, 0));
    }
}
