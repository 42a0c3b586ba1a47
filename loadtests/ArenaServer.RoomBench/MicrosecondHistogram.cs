using System.Diagnostics;

namespace ArenaServer.RoomBench;

/// <summary>Counts durations in 1 µs buckets up to 100 ms (beyond: one overflow bucket, exact max kept).</summary>
/// <remarks>Written by one tick thread only; read after the measurement stopped. Allocation-free after construction,
/// so recording never disturbs what is measured.</remarks>
internal sealed class MicrosecondHistogram
{
    private const int Buckets = 100_000;

    private readonly long[] _counts = new long[Buckets + 1];

    public long Count { get; private set; }

    public long MaxMicroseconds { get; private set; }

    public double SumMicroseconds { get; private set; }

    public void RecordTimestampTicks(long stopwatchTicks)
    {
        long micros = Math.Max(0, stopwatchTicks) * 1_000_000 / Stopwatch.Frequency;
        _counts[Math.Min(micros, Buckets)]++;
        Count++;
        SumMicroseconds += micros;
        MaxMicroseconds = Math.Max(MaxMicroseconds, micros);
    }

    public void Add(MicrosecondHistogram other)
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        SumMicroseconds += other.SumMicroseconds;
        MaxMicroseconds = Math.Max(MaxMicroseconds, other.MaxMicroseconds);
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
        SumMicroseconds = 0;
        MaxMicroseconds = 0;
    }

    /// <summary>The share of samples at or below <paramref name="micros"/>.</summary>
    public double FractionAtOrBelow(long micros)
    {
        if (Count == 0)
        {
            return 0;
        }

        long seen = 0;
        for (int i = 0; i <= Math.Min(micros, Buckets - 1); i++)
        {
            seen += _counts[i];
        }

        return seen / (double)Count;
    }

    /// <summary>The smallest bucket at or below which <paramref name="percentile"/> % of the samples fall (µs).</summary>
    public long Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return i == Buckets ? MaxMicroseconds : i;
            }
        }

        return MaxMicroseconds;
    }
}
