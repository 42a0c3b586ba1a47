using System.Diagnostics.CodeAnalysis;
using ArenaServer.Abstractions;
using ArenaServer.MessagePack;

namespace ArenaServer.Samples.Arena;

/// <summary>Fires the ship's gun in the direction it faces; <c>[]</c>.</summary>
public sealed record Fire : IArenaInput, IArenaMessage<Fire>
{
    /// <inheritdoc />
    public void Write(ref MessagePackWriter writer) => writer.WriteArrayHeader(0);

    /// <inheritdoc />
    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Fire? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out int count) || !reader.TrySkipValues(count))
        {
            return false;
        }

        message = new Fire();
        return true;
    }
}
