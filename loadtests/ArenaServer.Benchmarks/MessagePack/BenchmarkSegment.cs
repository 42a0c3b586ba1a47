using System.Buffers;

namespace ArenaServer.Benchmarks.MessagePack;

/// <summary>A sequence segment, for building multi-segment inputs like those a pipe delivers.</summary>
public sealed class BenchmarkSegment : ReadOnlySequenceSegment<byte>
{
    private BenchmarkSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>Cuts <paramref name="bytes"/> into segments of <paramref name="segmentLength"/> bytes.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int segmentLength)
    {
        var first = new BenchmarkSegment(bytes.AsMemory(0, Math.Min(segmentLength, bytes.Length)), 0);
        BenchmarkSegment last = first;
        for (int offset = segmentLength; offset < bytes.Length; offset += segmentLength)
        {
            var next = new BenchmarkSegment(bytes.AsMemory(offset, Math.Min(segmentLength, bytes.Length - offset)), offset);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
