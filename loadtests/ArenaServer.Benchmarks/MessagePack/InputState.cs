namespace ArenaServer.Benchmarks.MessagePack;

/// <summary>A client input envelope <c>[3, seq, lastTick, tag, [dx, dy]]</c> (ARCHITECTURE.md §6).</summary>
public struct InputState
{
    public uint Seq;
    public uint LastTick;
    public byte Tag;
    public sbyte Dx;
    public sbyte Dy;
}
