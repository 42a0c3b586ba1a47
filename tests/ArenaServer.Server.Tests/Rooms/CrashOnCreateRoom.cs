using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Tests.Rooms;

/// <summary>A room whose OnCreated throws, and whose OnClosingAsync throws too.</summary>
public sealed class CrashOnCreateRoom : Room<ITestInput, ITestOutput>
{
    public override void OnCreated(RoomCreateArgs args) => throw new InvalidOperationException("cannot start");

    public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<ITestInput>> inputs)
    {
    }

    public override ValueTask OnClosingAsync(RoomCloseReason reason, CancellationToken cancellationToken)
        => ValueTask.FromException(new InvalidOperationException("cannot save"));
}
