using System.Diagnostics.CodeAnalysis;
using ArenaServer.Abstractions;
using ArenaServer.MessagePack;

namespace ArenaServer.Samples.Arena;

/// <summary>Steers the ship: each axis is −1, 0 or 1 (larger values are clamped); <c>[x, y]</c>.</summary>
/// <param name="X">Horizontal direction.</param>
/// <param name="Y">Vertical direction.</param>
public sealed record Move(sbyte X, sbyte Y) : IArenaInput, IArenaMessage<Move>
{
    /// <inheritdoc />
    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(2);
        writer.Write(X);
        writer.Write(Y);
    }

    /// <inheritdoc />
    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Move? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out int count) || count < 2 ||
            !reader.TryReadSByte(out sbyte x) || !reader.TryReadSByte(out sbyte y) || !reader.TrySkipValues(count - 2))
        {
            return false;
        }

        message = new Move(x, y);
        return true;
    }
}
