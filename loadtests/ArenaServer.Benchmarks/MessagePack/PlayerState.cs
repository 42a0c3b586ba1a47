namespace ArenaServer.Benchmarks.MessagePack;

/// <summary>One player in a snapshot, preallocated and overwritten by each decode.</summary>
public struct PlayerState
{
    public int Id;
    public float X;
    public float Y;
    public float Vx;
    public float Vy;
    public float Angle;
    public int Score;
    public string Name;
    public byte Flags;
}
