namespace ArenaServer.EchoBench;

/// <summary>The phase all connection loops of a run share: warm-up, measuring, stopped.</summary>
internal sealed class RunPhase
{
    public const int WarmingUp = 0;
    public const int Measuring = 1;
    public const int Stopped = 2;

    private int _value;

    public int Value => Volatile.Read(ref _value);

    public void MoveTo(int value) => Volatile.Write(ref _value, value);
}
