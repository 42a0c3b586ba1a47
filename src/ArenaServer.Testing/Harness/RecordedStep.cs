namespace ArenaServer.Testing.Harness;

/// <summary>One step of a recording: a tick, or commands applied between ticks, at a room-clock offset.</summary>
internal sealed class RecordedStep(bool isTick, long elapsedTicks)
{
    public bool IsTick { get; } = isTick;

    public long ElapsedTicks { get; } = elapsedTicks;

    public List<RecordedCommand> Commands { get; } = [];

    public List<RecordedInput> Inputs { get; } = [];
}
