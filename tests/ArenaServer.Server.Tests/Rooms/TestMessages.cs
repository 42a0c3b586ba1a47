using System.Diagnostics.CodeAnalysis;
using ArenaServer.Abstractions;
using ArenaServer.MessagePack;

namespace ArenaServer.Server.Tests.Rooms;

public interface ITestInput;

public interface ITestOutput;

/// <summary>Adds <see cref="Amount"/> to the room's total.</summary>
public sealed record Push(int Amount) : ITestInput, IArenaMessage<Push>
{
    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(1);
        writer.Write(Amount);
    }

    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Push? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out int count) || count < 1 || !reader.TryReadInt32(out int amount) ||
            !reader.TrySkipValues(count - 1))
        {
            return false;
        }

        message = new Push(amount);
        return true;
    }
}

/// <summary>Makes the room's OnTick throw.</summary>
public sealed record Boom : ITestInput, IArenaMessage<Boom>
{
    public void Write(ref MessagePackWriter writer) => writer.WriteArrayHeader(0);

    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Boom? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out int count) || !reader.TrySkipValues(count))
        {
            return false;
        }

        message = new Boom();
        return true;
    }
}

/// <summary>The room's snapshot.</summary>
public sealed record CounterState(long Tick, int Total, int Players, int Roll) : ITestOutput, IArenaMessage<CounterState>
{
    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(4);
        writer.Write(Tick);
        writer.Write(Total);
        writer.Write(Players);
        writer.Write(Roll);
    }

    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out CounterState? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out int count) || count < 4 || !reader.TryReadInt64(out long tick) ||
            !reader.TryReadInt32(out int total) || !reader.TryReadInt32(out int players) ||
            !reader.TryReadInt32(out int roll) || !reader.TrySkipValues(count - 4))
        {
            return false;
        }

        message = new CounterState(tick, total, players, roll);
        return true;
    }
}

/// <summary>A text message.</summary>
public sealed record Note(string Text) : ITestOutput, IArenaMessage<Note>
{
    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(1);
        writer.WriteString(Text);
    }

    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Note? message)
    {
        message = null;
        if (!reader.TryReadArrayHeader(out int count) || count < 1 || !reader.TryReadString(out string? text) ||
            text is null || !reader.TrySkipValues(count - 1))
        {
            return false;
        }

        message = new Note(text);
        return true;
    }
}

/// <summary>A message type deliberately left out of the output set.</summary>
public sealed record Unregistered : ITestOutput, IArenaMessage<Unregistered>
{
    public void Write(ref MessagePackWriter writer) => writer.WriteNil();

    public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Unregistered? message)
    {
        message = reader.TryReadNil() ? new Unregistered() : null;
        return message is not null;
    }
}

public static class TestMessages
{
    public static readonly MessageSet<ITestInput> Inputs =
        MessageSet<ITestInput>.CreateBuilder().Add<Push>(tag: 1).Add<Boom>(tag: 2).Build();

    public static readonly MessageSet<ITestOutput> Outputs =
        MessageSet<ITestOutput>.CreateBuilder().Add<CounterState>(tag: 1).Add<Note>(tag: 2).Build();
}
