using System.Diagnostics.CodeAnalysis;
using ArenaServer.Abstractions;
using ArenaServer.MessagePack;

namespace ArenaServer.Samples.Arena.Tests.Guide;

/// <summary>The snapshot: who holds how many coins; <c>[[playerId, coins], …]</c>.</summary>
public sealed record Scores(IReadOnlyList<(int PlayerId, int Coins)> Entries) : ICoinOutput, IArenaMessage<Scores>
{
    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(Entries.Count);
        for (int i = 0; i < Entries.Count; i++)
        {
            writer.WriteArrayHeader(2);
            writer.Write(Entries[i].PlayerId);
            writer.Write(Entries[i].Coins);
        }
    }

    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Scores? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out int count))
        {
            return false;
        }

        var entries = new (int, int)[count];
        for (int i = 0; i < count; i++)
        {
            if (!reader.TryReadArrayHeader(out int fields) || fields < 2 || !reader.TryReadInt32(out int id) ||
                !reader.TryReadInt32(out int coins) || !reader.TrySkipValues(fields - 2))
            {
                return false;
            }

            entries[i] = (id, coins);
        }

        message = new Scores(entries);
        return true;
    }
}
