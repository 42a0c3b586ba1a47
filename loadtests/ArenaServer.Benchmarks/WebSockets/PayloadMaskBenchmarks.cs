using ArenaServer.WebSockets;
using BenchmarkDotNet.Attributes;

namespace ArenaServer.Benchmarks.WebSockets;

/// <summary>
/// Unmasking throughput (RFC 6455 §5.3) of the vectorised <see cref="PayloadMask.Apply"/> against a scalar byte loop.
/// GB/s = Size / Mean(ns). Run: see docs/benchmarks.md, "WebSocket framing and masking".
/// </summary>
[MemoryDiagnoser]
public class PayloadMaskBenchmarks
{
    private const int Key = 0x37FA213D;
    private byte[] _payload = [];

    [Params(32, 4096, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[Size];
        new Random(42).NextBytes(_payload);
    }

    [Benchmark(Baseline = true)]
    public int ScalarMaskLoop()
    {
        // What a naive server does (e.g. Fleck's Hybi13Handler): one XOR per byte with a modulo index.
        byte[] payload = _payload;
        ReadOnlySpan<byte> key = [0x37, 0xFA, 0x21, 0x3D];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] ^= key[i & 3];
        }

        return payload.Length & 3;
    }

    [Benchmark]
    public int PayloadMaskApply() => PayloadMask.Apply(_payload, Key, 0);

    [Benchmark]
    public int PayloadMaskApplyUnaligned() => PayloadMask.Apply(_payload.AsSpan(1, Size - 2), Key, 1);
}
