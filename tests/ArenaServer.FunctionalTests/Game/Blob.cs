using System.Diagnostics.CodeAnalysis;
using ArenaServer.Abstractions;
using ArenaServer.MessagePack;
using ArenaServer.Samples.Arena;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>A large reliable message, <c>[bin]</c>, that a <see cref="FloodRoom"/> sends a slow reader every tick.</summary>
public sealed record Blob(int Length) : IArenaOutput, IArenaMessage<Blob>
{
    private static readonly byte[] s_payload = new byte[256 * 1024];

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(1);
        writer.WriteBinary(s_payload.AsSpan(0, Length));
    }

    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Blob? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out int count) || count < 1 || !reader.TryReadBinary(out var bytes) ||
            !reader.TrySkipValues(count - 1))
        {
            return false;
        }

        message = new Blob((int)bytes.Length);
        return true;
    }
}
