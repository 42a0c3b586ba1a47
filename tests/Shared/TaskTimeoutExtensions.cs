using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ArenaServer.Tests;

/// <summary>Puts a deadline on every await in a test (CONVENTIONS.md §43), reporting where it hung.</summary>
internal static class TaskTimeoutExtensions
{
    public static TimeSpan DefaultTimeoutValue { get; } =
        Debugger.IsAttached ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(IsDebugBuild ? 5 : 30);

    private static bool IsDebugBuild
    {
        get
        {
#if DEBUG
            return true;
#else
            return false;
#endif
        }
    }

    public static Task DefaultTimeout(this Task task, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => task.TimeoutAfter(DefaultTimeoutValue, file, line);

    public static Task<T> DefaultTimeout<T>(this Task<T> task, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => task.TimeoutAfter(DefaultTimeoutValue, file, line);

    public static Task DefaultTimeout(this ValueTask task, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => task.AsTask().TimeoutAfter(DefaultTimeoutValue, file, line);

    public static Task<T> DefaultTimeout<T>(this ValueTask<T> task, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => task.AsTask().TimeoutAfter(DefaultTimeoutValue, file, line);

    public static async Task TimeoutAfter(this Task task, TimeSpan timeout, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Operation at {Path.GetFileName(file)}:{line} did not complete within {timeout}.");
        }
    }

    public static async Task<T> TimeoutAfter<T>(this Task<T> task, TimeSpan timeout, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        try
        {
            return await task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Operation at {Path.GetFileName(file)}:{line} did not complete within {timeout}.");
        }
    }
}
