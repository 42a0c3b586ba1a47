using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Rooms;

/// <summary>Observes what a room host applies, in order: the seam for input recording and for the harness's
/// inspectors. Called on the room's thread; implementations must be quick and must not throw.</summary>
/// <typeparam name="TInput">The input marker type.</typeparam>
internal interface IRoomTap<TInput> where TInput : class
{
    /// <summary>A tick starts; <paramref name="elapsed"/> is the room clock's time since the host started.</summary>
    public void OnTickStarting(long tickNumber, TimeSpan elapsed);

    /// <summary>A command reached the room (joins include rejected ones; resumes only successful ones).</summary>
    public void OnCommandApplied(RoomCommand command, SeatOutcome? outcome);

    /// <summary>The inputs handed to <c>OnTick</c> this tick.</summary>
    public void OnInputsHanded(ReadOnlySpan<PlayerInput<TInput>> inputs);

    /// <summary>A snapshot body was encoded (once) at <paramref name="tickNumber"/>.</summary>
    public void OnSnapshotEncoded(long tickNumber, byte tag, ReadOnlySpan<byte> body);

    /// <summary>A broadcast (message or event envelope) was encoded once.</summary>
    public void OnBroadcastEncoded(ReadOnlySpan<byte> envelope);

    /// <summary>A seat was released.</summary>
    public void OnLeft(Player player, LeaveReason reason);
}
