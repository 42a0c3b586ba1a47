using ArenaServer.Transport.Latency;
using FsCheck;
using FsCheck.Fluent;

namespace ArenaServer.Transport.Tests.Latency;

/// <summary>RFC 6298 §2 smoothing: exact arithmetic on dyadic numbers, and the long-run properties the latency issue
/// relies on (issue 5).</summary>
public sealed class RttEstimatorTests
{
    [Fact]
    public void Default_NoSamples_AllZero()
    {
        RttEstimator estimator = default;

        Assert.Equal(TimeSpan.Zero, estimator.SmoothedRoundTripTime);
        Assert.Equal(TimeSpan.Zero, estimator.Jitter);
        Assert.Equal(TimeSpan.Zero, estimator.LastSample);
        Assert.Equal(0, estimator.SampleCount);
    }

    [Fact]
    public void AddSample_First_SetsSrttToSampleAndRttvarToHalf()
    {
        // RFC 6298 §2.2: SRTT <- R, RTTVAR <- R/2.
        RttEstimator estimator = default;

        estimator.AddSample(TimeSpan.FromMilliseconds(100));

        Assert.Equal(TimeSpan.FromMilliseconds(100), estimator.SmoothedRoundTripTime);
        Assert.Equal(TimeSpan.FromMilliseconds(50), estimator.Jitter);
        Assert.Equal(TimeSpan.FromMilliseconds(100), estimator.LastSample);
        Assert.Equal(1, estimator.SampleCount);
    }

    [Fact]
    public void AddSample_Second_UpdatesRttvarBeforeSrtt()
    {
        // RFC 6298 §2.3: RTTVAR <- 3/4 RTTVAR + 1/4 |SRTT - R'| with the old SRTT (100): 50 + (100 - 50)/4 = 62.5;
        // then SRTT <- 7/8 SRTT + 1/8 R' = 100 + 100/8 = 112.5. Updating SRTT first would give RTTVAR 59.375.
        RttEstimator estimator = default;
        estimator.AddSample(TimeSpan.FromMilliseconds(100));

        estimator.AddSample(TimeSpan.FromMilliseconds(200));

        Assert.Equal(TimeSpan.FromMicroseconds(62_500), estimator.Jitter);
        Assert.Equal(TimeSpan.FromMicroseconds(112_500), estimator.SmoothedRoundTripTime);
        Assert.Equal(TimeSpan.FromMilliseconds(200), estimator.LastSample);
        Assert.Equal(2, estimator.SampleCount);
    }

    [Fact]
    public void AddSample_ThirdBelowSrtt_UsesAbsoluteDeviation()
    {
        // |40 - 112.5| = 72.5: RTTVAR = 62.5 + (72.5 - 62.5)/4 = 65; SRTT = 112.5 + (40 - 112.5)/8 = 103.4375.
        RttEstimator estimator = default;
        estimator.AddSample(TimeSpan.FromMilliseconds(100));
        estimator.AddSample(TimeSpan.FromMilliseconds(200));

        estimator.AddSample(TimeSpan.FromMilliseconds(40));

        Assert.Equal(TimeSpan.FromMilliseconds(65), estimator.Jitter);
        Assert.Equal(TimeSpan.FromTicks(1_034_375), estimator.SmoothedRoundTripTime);
        Assert.Equal(TimeSpan.FromMilliseconds(40), estimator.LastSample);
    }

    [Fact]
    public void AddSample_FractionalTicks_KeptInternallyAndRoundedOnlyWhenRead()
    {
        // 1 tick then 2 ticks: RTTVAR = 0.5 + (1 - 0.5)/4 = 0.625, SRTT = 1.125; a third sample of 1 tick:
        // RTTVAR = 0.625 + (0.125 - 0.625)/4 = 0.5, SRTT = 1.125 - 0.125/8 = 1.109375. Truncating ticks at each
        // step would have lost the state entirely (RTTVAR 0 after the first sample).
        RttEstimator estimator = default;
        estimator.AddSample(TimeSpan.FromTicks(1));
        estimator.AddSample(TimeSpan.FromTicks(2));
        estimator.AddSample(TimeSpan.FromTicks(1));

        Assert.Equal(TimeSpan.FromTicks(1), estimator.Jitter);              // 0.5 rounds away from zero
        Assert.Equal(TimeSpan.FromTicks(1), estimator.SmoothedRoundTripTime);
    }

    [Fact]
    public void AddSample_Zero_Accepted()
    {
        RttEstimator estimator = default;

        estimator.AddSample(TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, estimator.SmoothedRoundTripTime);
        Assert.Equal(1, estimator.SampleCount);
    }

    [Fact]
    public void AddSample_Negative_Throws()
    {
        RttEstimator estimator = default;

        Assert.Throws<ArgumentOutOfRangeException>(() => estimator.AddSample(TimeSpan.FromTicks(-1)));
        Assert.Equal(0, estimator.SampleCount);
    }

    [Fact]
    public void Reset_AfterSamples_NextSampleIsFirstAgain()
    {
        RttEstimator estimator = default;
        estimator.AddSample(TimeSpan.FromMilliseconds(300));
        estimator.AddSample(TimeSpan.FromMilliseconds(10));

        estimator.Reset();
        estimator.AddSample(TimeSpan.FromMilliseconds(20));

        Assert.Equal(TimeSpan.FromMilliseconds(20), estimator.SmoothedRoundTripTime);
        Assert.Equal(TimeSpan.FromMilliseconds(10), estimator.Jitter);
        Assert.Equal(1, estimator.SampleCount);
    }

    [Fact]
    public void AddSample_AlternatingSteadyState_JitterIsEightFifteenthsOfSpread()
    {
        // Alternating a, b settles SRTT at (8a + 7b)/15 after a and (8b + 7a)/15 after b, so every sample deviates by
        // 8|a - b|/15 and RTTVAR converges to exactly that.
        RttEstimator estimator = default;
        for (int i = 0; i < 200; i++)
        {
            estimator.AddSample(TimeSpan.FromMilliseconds(i % 2 == 0 ? 80 : 110));
        }

        Assert.Equal(16.0, estimator.Jitter.TotalMilliseconds, precision: 3);
        Assert.InRange(estimator.SmoothedRoundTripTime.TotalMilliseconds, 94, 96);
    }

    [Fact]
    public void AddSample_ManySamples_DoesNotAllocate()
    {
        RttEstimator estimator = default;
        estimator.AddSample(TimeSpan.FromMilliseconds(1));
        long before = GC.GetAllocatedBytesForCurrentThread();

        for (int i = 0; i < 10_000; i++)
        {
            estimator.AddSample(TimeSpan.FromTicks(i));
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(10_001, estimator.SampleCount);
    }

    [Fact]
    public void AddSample_ConstantInput_SrttEqualsItAndJitterDecaysToZero()
    {
        // Up to 100 s in ticks; 120 samples shrink the initial RTTVAR (c/2) by 0.75^119, far below one tick.
        Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000_000)), ticks =>
        {
            TimeSpan constant = TimeSpan.FromTicks(ticks);
            RttEstimator estimator = default;
            TimeSpan previousJitter = TimeSpan.MaxValue;
            for (int i = 0; i < 120; i++)
            {
                estimator.AddSample(constant);
                Assert.Equal(constant, estimator.SmoothedRoundTripTime);
                Assert.True(estimator.Jitter <= previousJitter, "jitter must not grow on constant input");
                previousJitter = estimator.Jitter;
            }

            Assert.Equal(TimeSpan.Zero, estimator.Jitter);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void AddSample_AlternatingTwoValues_JitterWithinFactorTwoOfHalfSpread()
    {
        Gen<(int A, int B)> pairs = Gen.Choose(0, 100_000_000).SelectMany(_ => Gen.Choose(0, 100_000_000), (a, b) => (a, b));
        Prop.ForAll(Arb.From(pairs), pair =>
        {
            RttEstimator estimator = default;
            for (int i = 0; i < 200; i++)
            {
                estimator.AddSample(TimeSpan.FromTicks(i % 2 == 0 ? pair.A : pair.B));
            }

            double halfSpread = Math.Abs(pair.A - pair.B) / 2.0;
            double jitter = estimator.Jitter.Ticks;
            if (halfSpread == 0)
            {
                Assert.Equal(0, jitter);
            }
            else
            {
                // One tick of slack for the rounding of the exposed value.
                Assert.InRange(jitter, (halfSpread / 2) - 1, (halfSpread * 2) + 1);
            }

            double low = Math.Min(pair.A, pair.B) - 1;
            double high = Math.Max(pair.A, pair.B) + 1;
            Assert.InRange(estimator.SmoothedRoundTripTime.Ticks, low, high);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }
}
