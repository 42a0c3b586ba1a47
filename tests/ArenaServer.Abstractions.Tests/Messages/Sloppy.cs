using System.Diagnostics.CodeAnalysis;
using ArenaServer.MessagePack;

namespace ArenaServer.Abstractions.Tests.Messages;

/// <summary>A message whose TryRead reads only the array header and the first field and does not skip the rest,
/// so a longer body leaves bytes over.</summary>
public sealed record Sloppy(int Value) : ITestInput, IArenaMessage<Sloppy>
{
    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(1);
        writer.Write(Value);
    }

    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Sloppy? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out _) || !reader.TryReadInt32(out int value))
        {
            return false;
        }

        message = new Sloppy(value);
        return true;
    }
}
