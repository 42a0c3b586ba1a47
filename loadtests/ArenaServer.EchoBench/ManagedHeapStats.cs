using System.Globalization;
using System.Runtime;
using System.Text;

namespace ArenaServer.EchoBench;

/// <summary>
/// The <c>/stats</c> diagnostic of the benchmark servers: a full blocking, compacting GC, then the managed heap size
/// as JSON <c>{"managedBytes":N}</c>. The idle-memory benchmark reads it before and after opening its connections
/// to split the RSS delta into managed heap and the rest (native, stacks, GC slack). Never in a real server.
/// </summary>
internal static class ManagedHeapStats
{
    public static byte[] CollectAndDescribe()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        long managed = GC.GetTotalMemory(forceFullCollection: false);
        return Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"managedBytes\":{managed}}}"));
    }

    /// <summary>The GC's view without collecting (<c>/gcinfo</c>): committed, heap, fragmented and gen0 bytes of the
    /// last GC, to tell live per-connection state from GC slack in an RSS delta.</summary>
    public static byte[] DescribeWithoutCollecting()
    {
        GCMemoryInfo info = GC.GetGCMemoryInfo();
        return Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"committed\":{info.TotalCommittedBytes},\"heap\":{info.HeapSizeBytes},\"fragmented\":{info.FragmentedBytes},\"gen0After\":{info.GenerationInfo[0].SizeAfterBytes},\"gen0Before\":{info.GenerationInfo[0].SizeBeforeBytes},\"totalMemory\":{GC.GetTotalMemory(false)},\"gcCount\":{GC.CollectionCount(0)},\"promoted\":{info.PromotedBytes}}}"));
    }
}
