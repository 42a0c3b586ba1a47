using ArenaServer.Abstractions.LagCompensation;

namespace ArenaServer.Abstractions.Tests.LagCompensation;

/// <summary>The worked example of issue 5: lag compensation turns a miss into a hit for a shooter with 150 ms RTT,
/// exactly as the rewind rule says.</summary>
public sealed class LagCompensationScenarioTests
{
    private const int TickRate = 30;
    private const double Speed = 300;           // units per second: 10 units per tick at 30 Hz
    private const double HitRadius = 3;
    private static readonly TimeSpan s_roundTrip = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan s_interpolation = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Rewind_ShooterWith150MsRtt_MissAtPresentBecomesHitAtRewoundTick()
    {
        var history = new LagCompensationHistory<double>(capacity: TickRate);   // 1 s of positions
        const long Now = 100;
        for (long tick = 1; tick <= Now; tick++)
        {
            history.Record(tick, PositionAt(tick));
        }

        // The shooter's screen shows the world RTT/2 + interpolation = 175 ms ago: tick 94.75, x = 947.5. It aims there.
        double seenTick = Now - ((s_roundTrip.TotalSeconds / 2) + s_interpolation.TotalSeconds) * TickRate;
        double aim = Speed * seenTick / TickRate;
        Assert.Equal(947.5, aim, precision: 9);

        Assert.True(history.TryRewind(Now, s_roundTrip, s_interpolation, TickRate, out long rewoundTick, out double rewound));
        Assert.Equal(Now - 5, rewoundTick);                         // round(5.25) = 5 ticks back
        Assert.Equal(950, rewound);

        Assert.False(Hits(aim, PositionAt(Now)));                   // the present: 52.5 units off
        Assert.True(Hits(aim, rewound));                            // the rule's tick: 2.5 units off
        Assert.True(history.TryGetAt(rewoundTick - 1, out double oneTickFurther));
        Assert.False(Hits(aim, oneTickFurther));                    // rounding 5.25 up instead would miss (7.5 off)
    }

    [Fact]
    public void Rewind_ShooterBeyondHistory_NeverRewindsPastOldestRecord()
    {
        var history = new LagCompensationHistory<double>(capacity: 3);   // only 100 ms at 30 Hz
        const long Now = 100;
        for (long tick = 1; tick <= Now; tick++)
        {
            history.Record(tick, PositionAt(tick));
        }

        Assert.True(history.TryRewind(Now, s_roundTrip, s_interpolation, TickRate, out long rewoundTick, out double rewound));

        Assert.Equal(98, rewoundTick);                              // wanted 95; the history reaches back to 98
        Assert.Equal(PositionAt(98), rewound);
        Assert.False(Hits(947.5, rewound));                         // so the very laggy shot is judged at the bound
    }

    private static double PositionAt(long tick) => Speed * tick / TickRate;

    private static bool Hits(double aim, double target) => Math.Abs(aim - target) <= HitRadius;
}
