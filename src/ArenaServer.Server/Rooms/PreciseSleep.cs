using System.Runtime.InteropServices;

namespace ArenaServer.Server.Rooms;

/// <summary>Sleeps for less than a millisecond: <c>nanosleep</c> through libc on Linux and macOS (timer slack ~50 µs),
/// a yield elsewhere. The tick threads use it for the last fraction of a millisecond before a room is due, where every
/// managed timed wait has a 1 ms granularity.</summary>
internal static class PreciseSleep
{
    private static readonly bool s_hasNanosleep = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Sleeps about <paramref name="duration"/> (under a millisecond); not interruptible.</summary>
    /// <param name="duration">How long.</param>
    public static void Sleep(TimeSpan duration)
    {
        if (!s_hasNanosleep)
        {
            Thread.Yield();
            return;
        }

        var request = new TimeSpec { Seconds = 0, Nanoseconds = Math.Clamp(duration.Ticks * 100, 0, 999_999_999) };
        _ = NanoSleep(in request, IntPtr.Zero);
    }

    // DllImport, not LibraryImport: the struct is blittable, and LibraryImport would need unsafe code in this project.
    [DllImport("libc", EntryPoint = "nanosleep")]
    private static extern int NanoSleep(in TimeSpec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
