using System.Diagnostics.CodeAnalysis;
using ArenaServer.MessagePack;

namespace ArenaServer.Abstractions.Tests.Messages;

/// <summary>The Move of CONVENTIONS.md §10: <c>[x:int8, y:int8]</c>, trailing fields skipped.</summary>
public sealed record Move(sbyte X, sbyte Y) : ITestInput, IArenaMessage<Move>
{
    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(2);
        writer.Write(X);
        writer.Write(Y);
    }

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
