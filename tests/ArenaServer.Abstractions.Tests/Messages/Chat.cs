using System.Diagnostics.CodeAnalysis;
using ArenaServer.MessagePack;

namespace ArenaServer.Abstractions.Tests.Messages;

/// <summary><c>[text:str]</c>.</summary>
public sealed record Chat(string Text) : ITestInput, IArenaMessage<Chat>
{
    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(1);
        writer.WriteString(Text);
    }

    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Chat? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out int count) || count < 1 ||
            !reader.TryReadString(out string? text) || text is null || !reader.TrySkipValues(count - 1))
        {
            return false;
        }

        message = new Chat(text);
        return true;
    }
}
