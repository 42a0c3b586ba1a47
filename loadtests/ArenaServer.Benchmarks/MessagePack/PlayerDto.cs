namespace ArenaServer.Benchmarks.MessagePack;

/// <summary>The snapshot player as System.Text.Json's serializer would naturally see it.</summary>
public sealed class PlayerDto
{
    public int Id { get; set; }

    public float X { get; set; }

    public float Y { get; set; }

    public float Vx { get; set; }

    public float Vy { get; set; }

    public float Angle { get; set; }

    public int Score { get; set; }

    public string Name { get; set; } = "";

    public byte Flags { get; set; }
}
