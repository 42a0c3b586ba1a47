using System.Diagnostics.CodeAnalysis;
using ArenaServer.Abstractions;
using ArenaServer.MessagePack;

namespace ArenaServer.Samples.Arena;

/// <summary>The whole arena, sent every tick; <c>[[ship…]]</c>.</summary>
/// <param name="Ships">The ships in join order.</param>
public sealed record WorldSnapshot(IReadOnlyList<ShipState> Ships) : IArenaOutput, IArenaMessage<WorldSnapshot>
{
    /// <inheritdoc />
    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(1);
        writer.WriteArrayHeader(Ships.Count);
        for (int i = 0; i < Ships.Count; i++)
        {
            // Indexing, not foreach: an enumerator over IReadOnlyList would be allocated on every tick's encode.
            Ships[i].Write(ref writer);
        }
    }

    /// <inheritdoc />
    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out WorldSnapshot? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out int count) || count < 1 || !reader.TryReadArrayHeader(out int shipCount))
        {
            return false;
        }

        var ships = new ShipState[shipCount];
        for (int i = 0; i < shipCount; i++)
        {
            if (!ShipState.TryRead(ref reader, out ShipState ship))
            {
                return false;
            }

            ships[i] = ship;
        }

        if (!reader.TrySkipValues(count - 1))
        {
            return false;
        }

        message = new WorldSnapshot(ships);
        return true;
    }
}
