using System.Buffers;
using System.Text;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Tests;

/// <summary>L0 codecs allocate nothing on success paths (ARCHITECTURE.md §3), measured on the current thread. Scratch
/// buffers come from <see cref="ArrayPool{T}.Shared"/>, which may refill after a GC trims it, so each test takes the
/// best of several rounds: a steady state without allocation must exist.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void ReadFromClient_InputAndPing_AllocateNothing()
    {
        var input = new ReadOnlySequence<byte>(GoldenVector.Named("arena-input-move").Bytes);
        var ping = new ReadOnlySequence<byte>(GoldenVector.Named("arena-ping").Bytes);

        (int failures, long allocated) = Measure(() =>
            (EnvelopeReader.ReadFromClient(input, null, out _) == EnvelopeStatus.Success ? 0 : 1) +
            (EnvelopeReader.ReadFromClient(ping, null, out _) == EnvelopeStatus.Success ? 0 : 1));

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ReadFromClient_CustomOptions_AllocateNothingOnceWarm()
    {
        var options = new MessagePackReaderOptions { MaxDepth = 16, MaxCollectionLength = 256 };
        var input = new ReadOnlySequence<byte>(GoldenVector.Named("arena-input-move").Bytes);

        (int failures, long allocated) = Measure(() => EnvelopeReader.ReadFromClient(input, options, out _) == EnvelopeStatus.Success ? 0 : 1);

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Transcode_BothWays_AllocateNothingBeyondTheOutput()
    {
        var msgpack = new ReadOnlySequence<byte>(GoldenVector.Named("nested-mixed").Bytes);
        var json = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(GoldenVector.Named("nested-mixed").Json));
        var jsonOut = new ArrayBufferWriter<byte>(4096);
        var msgpackOut = new ArrayBufferWriter<byte>(4096);

        (int failures, long allocated) = Measure(() =>
        {
            jsonOut.ResetWrittenCount();
            msgpackOut.ResetWrittenCount();
            return (JsonTranscoder.TranscodeToJson(msgpack, jsonOut) == JsonTranscodeStatus.Success ? 0 : 1) +
                (JsonTranscoder.TranscodeToMessagePack(json, msgpackOut) == JsonTranscodeStatus.Success ? 0 : 1);
        });

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }

    /// <summary>Warms up, then runs five rounds of 100 calls; returns the failures and the smallest allocation of a round.</summary>
    private static (int Failures, long Allocated) Measure(Func<int> call)
    {
        int failures = call();
        long best = long.MaxValue;
        for (int round = 0; round < 5 && best > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                failures += call();
            }

            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return (failures, best);
    }
}
