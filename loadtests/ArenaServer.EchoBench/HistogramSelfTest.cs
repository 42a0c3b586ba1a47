namespace ArenaServer.EchoBench;

/// <summary>
/// Checks <see cref="LatencyHistogram"/> against exact percentiles of random log-normal data (the shape of latency),
/// and its bucket arithmetic at every power of two: a benchmark whose percentiles are wrong is worse than none.
/// </summary>
internal static class HistogramSelfTest
{
    public static int Run()
    {
        int failures = 0;
        for (int index = 0; index < 1800; index++)
        {
            (long low, long high) = LatencyHistogram.BoundsOf(index);
            if (LatencyHistogram.IndexOf(low) != index || LatencyHistogram.IndexOf(high) != index ||
                LatencyHistogram.IndexOf(high + 1) != index + 1)
            {
                Console.Error.WriteLine($"bucket {index} [{low}, {high}] is not contiguous");
                failures++;
            }
        }

        Random random = new(42);
        long[] values = new long[200_000];
        LatencyHistogram histogram = new();
        for (int i = 0; i < values.Length; i++)
        {
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[i] = (long)Math.Exp(11 + (gaussian * 0.8));   // median ≈ 60 µs in ns
            histogram.Record(values[i]);
        }

        Array.Sort(values);
        foreach (double percentile in new[] { 1.0, 50, 90, 99, 99.9, 100 })
        {
            long exact = values[Math.Max(0, (int)Math.Ceiling(percentile / 100 * values.Length) - 1)];
            long estimate = histogram.ValueAtPercentile(percentile);
            double error = Math.Abs(estimate - exact) / (double)exact;
            Console.WriteLine($"p{percentile}: exact {exact} ns, histogram {estimate} ns, error {error:P2}");
            if (error > 1.0 / 32)
            {
                failures++;
            }
        }

        Console.WriteLine(failures == 0 ? "selftest passed" : $"selftest FAILED ({failures})");
        return failures == 0 ? 0 : 1;
    }
}
