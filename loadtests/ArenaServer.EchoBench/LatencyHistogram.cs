using System.Numerics;

namespace ArenaServer.EchoBench;

/// <summary>
/// A log-linear histogram of non-negative values (here: nanoseconds), shaped like HdrHistogram: values below
/// 2 × <see cref="SubBucketCount"/> are exact, above that every power of two is split into
/// <see cref="SubBucketCount"/> linear sub-buckets, so any recorded value is known within 1/32 (about 3 %).
/// </summary>
/// <remarks>Not thread-safe: each connection records into its own instance and the instances are merged at the end.</remarks>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBucketCount = 1 << SubBucketBits;
    private const int BucketCount = (64 - SubBucketBits) * SubBucketCount;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public long Max { get; private set; }

    public double Sum { get; private set; }

    public double Mean => Count == 0 ? 0 : Sum / Count;

    /// <summary>A <see cref="System.Diagnostics.Stopwatch"/> tick count in nanoseconds.</summary>
    public static long Nanoseconds(long stopwatchTicks) =>
        (long)(stopwatchTicks * (1_000_000_000.0 / System.Diagnostics.Stopwatch.Frequency));

    public void Record(long value)
    {
        value = Math.Max(value, 0);
        _counts[IndexOf(value)]++;
        Count++;
        Sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    public void Add(LatencyHistogram other)
    {
        for (int i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value at <paramref name="percentile"/> (0–100): the midpoint of its bucket, clamped to [min, max].</summary>
    public long ValueAtPercentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        long seen = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                (long low, long high) = BoundsOf(i);
                return Math.Clamp(low + ((high - low) / 2), Min, Max);
            }
        }

        return Max;
    }

    internal static int IndexOf(long value)
    {
        if (value < 2 * SubBucketCount)
        {
            return (int)value;
        }

        int msb = 63 - BitOperations.LeadingZeroCount((ulong)value);
        int shift = msb - SubBucketBits;
        int top = (int)(value >> shift);           // in [SubBucketCount, 2 * SubBucketCount)
        return ((shift + 1) * SubBucketCount) + (top - SubBucketCount);
    }

    internal static (long Low, long High) BoundsOf(int index)
    {
        if (index < 2 * SubBucketCount)
        {
            return (index, index);
        }

        int shift = (index / SubBucketCount) - 1;
        long top = (index % SubBucketCount) + SubBucketCount;
        return (top << shift, ((top + 1) << shift) - 1);
    }
}
