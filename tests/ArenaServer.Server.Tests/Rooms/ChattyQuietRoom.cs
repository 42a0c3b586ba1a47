using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Tests.Rooms;

/// <summary>A room whose own code allocates nothing per tick, yet uses every output path: it broadcasts one cached
/// message each tick and returns one cached snapshot object, so what a tick allocates is the engine's alone.</summary>
public sealed class ChattyQuietRoom : Room<ITestInput, ITestOutput>
{
    private readonly Note _snapshot = new("steady");
    private readonly Note _chat = new("hello");

    public int Inputs { get; private set; }

    public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<ITestInput>> inputs)
    {
        Inputs += inputs.Length;
        Context.Broadcast(_chat);
    }

    public override ITestOutput? CreateSnapshot(in Tick tick) => _snapshot;
}
