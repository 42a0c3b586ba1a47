using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ArenaServer.RoomBench;

/// <summary>Samples what is allocated, by type, from the runtime's GC AllocationTick events (one event about every
/// 100 KB allocated): enough to name the type behind a steady per-tick allocation (<c>--trace-allocations</c>).</summary>
internal sealed class AllocationTracer : EventListener
{
    private const int AllocationTickEventId = 10;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the OS threads to count (null: all).</summary>
    public IReadOnlySet<long>? Threads { get; set; }

    public IEnumerable<KeyValuePair<string, long>> Top(int count)
        => _bytesByType.OrderByDescending(entry => entry.Value).Take(count);

    public void Clear() => _bytesByType.Clear();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTickEventId || eventData.Payload is null || eventData.PayloadNames is null ||
            (Threads is { } threads && !threads.Contains(eventData.OSThreadId)))
        {
            return;
        }

        int typeIndex = eventData.PayloadNames.IndexOf("TypeName");
        int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount");
        if (typeIndex < 0 || amountIndex < 0)
        {
            return;
        }

        string type = eventData.Payload[typeIndex] as string ?? "?";
        long amount = Convert.ToInt64(eventData.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, total) => total + amount);
    }
}
