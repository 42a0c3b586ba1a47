using System.Buffers;

namespace ArenaServer.Tests;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s so parsers are tested on split input (§38).</summary>
internal static class TestSequence
{
    public static ReadOnlySequence<byte> Create(params byte[][] segments)
    {
        if (segments.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(segments[0], 0);
        Segment last = first;
        for (int i = 1; i < segments.Length; i++)
        {
            last = last.Append(segments[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Two segments: <c>bytes[..cut]</c> and <c>bytes[cut..]</c>.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int cut) => Create(bytes[..cut], bytes[cut..]);

    /// <summary>One segment per byte: the worst case for any fast path.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes)
        => Create(bytes.Select(b => new[] { b }).ToArray());

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
