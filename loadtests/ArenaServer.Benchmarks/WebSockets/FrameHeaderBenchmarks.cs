using System.Buffers;
using ArenaServer.WebSockets;
using BenchmarkDotNet.Attributes;

namespace ArenaServer.Benchmarks.WebSockets;

/// <summary>
/// Frame header cost: reading a masked client header (7-, 16- and 64-bit lengths) and writing an unmasked server header.
/// Both must allocate nothing (CONVENTIONS.md §7, §21).
/// </summary>
[MemoryDiagnoser]
public class FrameHeaderBenchmarks
{
    private readonly byte[] _destination = new byte[FrameWriter.MaxHeaderSize];
    private byte[] _frame = [];
    private ReadOnlySequence<byte> _single;
    private ReadOnlySequence<byte> _split;

    [Params(5, 300, 70000)]
    public int PayloadLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] header = new byte[FrameWriter.MaxHeaderSize];
        int length = FrameWriter.WriteHeader(header, true, Opcode.Binary, PayloadLength, 0x37FA213D);
        byte[] frame = header[..length];
        _frame = frame;
        _single = new ReadOnlySequence<byte>(frame);
        var first = new Segment(frame.AsMemory(0, 1), 0);
        Segment last = first.Append(frame.AsMemory(1));
        _split = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    [Benchmark(Baseline = true)]
    public long ReadMaskedHeader()
    {
        FrameReader.TryReadHeader(_single, out FrameHeader header, out _);
        return header.PayloadLength;
    }

    [Benchmark]
    public long ReadMaskedHeaderSpan()
    {
        FrameReader.TryReadHeader(_frame.AsSpan(), out FrameHeader header, out _);
        return header.PayloadLength;
    }

    [Benchmark]
    public long ReadMaskedHeaderSplit()
    {
        FrameReader.TryReadHeader(_split, out FrameHeader header, out _);
        return header.PayloadLength;
    }

    [Benchmark]
    public int WriteUnmaskedHeader() => FrameWriter.WriteHeader(_destination, true, Opcode.Binary, PayloadLength);

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
