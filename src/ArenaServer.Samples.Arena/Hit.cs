using System.Diagnostics.CodeAnalysis;
using ArenaServer.Abstractions;
using ArenaServer.MessagePack;

namespace ArenaServer.Samples.Arena;

/// <summary>Broadcast when a shot tags a ship; <c>[shooter, target]</c>.</summary>
/// <param name="Shooter">The shooter's player id.</param>
/// <param name="Target">The tagged ship's player id.</param>
public sealed record Hit(int Shooter, int Target) : IArenaOutput, IArenaMessage<Hit>
{
    /// <inheritdoc />
    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(2);
        writer.Write(Shooter);
        writer.Write(Target);
    }

    /// <inheritdoc />
    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Hit? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out int count) || count < 2 || !reader.TryReadInt32(out int shooter) ||
            !reader.TryReadInt32(out int target) || !reader.TrySkipValues(count - 2))
        {
            return false;
        }

        message = new Hit(shooter, target);
        return true;
    }
}
