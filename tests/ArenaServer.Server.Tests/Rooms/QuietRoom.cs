using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Tests.Rooms;

/// <summary>A room that allocates nothing per tick: it counts inputs and returns one cached snapshot object.</summary>
public sealed class QuietRoom : Room<ITestInput, ITestOutput>
{
    private readonly Note _snapshot = new("steady");

    public int Inputs { get; private set; }

    public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<ITestInput>> inputs) => Inputs += inputs.Length;

    public override ITestOutput? CreateSnapshot(in Tick tick) => _snapshot;
}
