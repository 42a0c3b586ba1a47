using System.Globalization;

namespace ArenaServer.RoomBench;

/// <summary>CPU seconds of this process's threads, by name, from Linux <c>/proc/self/task/*/stat</c> (proc(5)).</summary>
internal static class ThreadCpu
{
    // sysconf(_SC_CLK_TCK) is 100 on every Linux ABI .NET runs on.
    private const double ClockTicksPerSecond = 100.0;

    /// <summary>The OS thread ids of this process's threads whose name starts with <paramref name="namePrefix"/>.</summary>
    public static HashSet<long> ThreadIds(string namePrefix)
    {
        var ids = new HashSet<long>();
        if (!Directory.Exists("/proc/self/task"))
        {
            return ids;
        }

        foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n').StartsWith(namePrefix, StringComparison.Ordinal))
                {
                    ids.Add(long.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // The thread exited meanwhile.
            }
        }

        return ids;
    }

    /// <summary>utime + stime of every thread whose name (comm, at most 15 characters) starts with
    /// <paramref name="namePrefix"/>; 0 where /proc is unavailable.</summary>
    public static double Seconds(string namePrefix)
    {
        if (!Directory.Exists("/proc/self/task"))
        {
            return 0;
        }

        double total = 0;
        foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                string stat = File.ReadAllText(Path.Combine(task, "stat"));
                int open = stat.IndexOf('(', StringComparison.Ordinal);
                int close = stat.LastIndexOf(')');
                string name = stat[(open + 1)..close];
                if (!name.StartsWith(namePrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                string[] fields = stat[(close + 2)..].Split(' ');
                total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture))
                    / ClockTicksPerSecond;
            }
            catch (IOException)
            {
                // The thread exited meanwhile.
            }
        }

        return total;
    }
}
