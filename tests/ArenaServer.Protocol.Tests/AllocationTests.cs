using System.Buffers;
using System.Text;

namespace ArenaServer.Protocol.Tests;

/// <summary>L0 codecs allocate nothing on success paths (ARCHITECTURE.md §3): measured on the current thread.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void ReadFromClient_InputAndPing_AllocateNothing()
    {
        var input = new ReadOnlySequence<byte>(GoldenVector.Named("arena-input-move").Bytes);
        var ping = new ReadOnlySequence<byte>(GoldenVector.Named("arena-ping").Bytes);
        EnvelopeReader.ReadFromClient(input, null, out _);

        int failures = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            failures += EnvelopeReader.ReadFromClient(input, null, out _) == EnvelopeStatus.Success ? 0 : 1;
            failures += EnvelopeReader.ReadFromClient(ping, null, out _) == EnvelopeStatus.Success ? 0 : 1;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
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
        JsonTranscoder.TranscodeToJson(msgpack, jsonOut);
        JsonTranscoder.TranscodeToMessagePack(json, msgpackOut);

        int failures = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            jsonOut.ResetWrittenCount();
            msgpackOut.ResetWrittenCount();
            failures += JsonTranscoder.TranscodeToJson(msgpack, jsonOut) == JsonTranscodeStatus.Success ? 0 : 1;
            failures += JsonTranscoder.TranscodeToMessagePack(json, msgpackOut) == JsonTranscodeStatus.Success ? 0 : 1;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }
}
