using System.Diagnostics.Metrics;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Metrics;
using ArenaServer.Server.Rooms;
using ArenaServer.Server.Tests.Rooms;
using ArenaServer.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ArenaServer.Server.Tests.Metrics;

[Collection(AllocationMeasurementCollection.Name)]
public sealed class MetricsAllocationTests
{
    // Not a speed test (CONVENTIONS.md §45): allocation counts are deterministic. Every call made on a tick thread or a
    // read loop, recorded through a listening MetricsCollector, must allocate nothing once its series exist.
    [Fact]
    public void Record_HotPathCallsWithCollectorListening_ZeroBytes()
    {
        object scope = new();
        using var meter = new Meter(new MeterOptions(TransportMetrics.MeterName) { Scope = scope });
        using var collector = new MetricsCollector(scope);
        var rooms = new RoomMetrics(meter);
        var transport = new TransportMetrics(meter);
        var host = new RoomHost<QuietRoom, ITestInput, ITestOutput>(new RoomId("quiet"), new RoomCreateArgs("test", default),
            new QuietRoom(), TestMessages.Outputs, new RoomOptions(), new ManualClock(), 1, NullLogger.Instance);
        host.AttachMetrics(rooms);
        KeyValuePair<string, object?> roomType = RoomMetrics.RoomTypeTag("test");
        void Record(int i)
        {
            host.RecordTickDuration(TimeSpan.FromTicks(1000 + i));
            rooms.Tick(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(33), roomType);
            rooms.TicksSkipped(1, roomType);
            rooms.InputOffered(queued: i % 2 == 0);
            rooms.InputsDroppedPerTick(1);
            rooms.MessagesSent(8, 40);
            rooms.SnapshotSent(120, coalesced: i % 3 == 0);
            transport.RoundTrip(TimeSpan.FromMilliseconds(i % 50));
            transport.ProtocolError("framing");
            _ = host.RecentTickP99;
        }

        for (int i = 0; i < 100; i++)
        {
            Record(i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            Record(i);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Contains(collector.Collect(), family => family.Name == "arena_tick_duration_seconds");
    }
}
