using System.Buffers;

namespace ArenaServer.Protocol.Internal;

/// <summary>A sink that a cached <see cref="System.Text.Json.Utf8JsonWriter"/> points at between uses, so it keeps
/// no caller's buffer alive.</summary>
internal sealed class NullBufferWriter : IBufferWriter<byte>
{
    public static NullBufferWriter Instance { get; } = new();

    public void Advance(int count)
    {
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => new byte[Math.Max(sizeHint, 1)];

    public Span<byte> GetSpan(int sizeHint = 0) => new byte[Math.Max(sizeHint, 1)];
}
