using System.Diagnostics.CodeAnalysis;
using ArenaServer.Abstractions;
using ArenaServer.MessagePack;

namespace ArenaServer.Samples.Arena.Tests.Guide;

/// <summary>"I grab the coin"; <c>[]</c>.</summary>
public sealed record Grab : ICoinInput, IArenaMessage<Grab>
{
    public void Write(ref MessagePackWriter writer) => writer.WriteArrayHeader(0);

    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Grab? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out int count) || !reader.TrySkipValues(count))
        {
            return false;
        }

        message = new Grab();
        return true;
    }
}
