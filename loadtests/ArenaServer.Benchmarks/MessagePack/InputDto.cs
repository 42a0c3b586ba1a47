namespace ArenaServer.Benchmarks.MessagePack;

/// <summary>The input envelope as System.Text.Json's serializer would naturally see it.</summary>
public sealed class InputDto
{
    public int Kind { get; set; } = 3;

    public uint Seq { get; set; }

    public uint LastTick { get; set; }

    public byte Tag { get; set; }

    public sbyte[] Move { get; set; } = [];
}
