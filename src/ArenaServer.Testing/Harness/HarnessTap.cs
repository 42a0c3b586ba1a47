using System.Buffers;
using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.MessagePack;
using ArenaServer.Server.Rooms;

namespace ArenaServer.Testing.Harness;

/// <summary>Observes a harness (or replay) room host: leaves, broadcasts, snapshot bodies, and the recording.</summary>
/// <remarks>Called on the thread that ticks the room (the test thread).</remarks>
internal sealed class HarnessTap<TInput>(MessageSet<TInput> inputs, RoomRecording? recording) : IRoomTap<TInput>
    where TInput : class
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public List<RecordedSnapshot> SnapshotBodies { get; } = [];

    public List<byte[]> BroadcastEnvelopes { get; } = [];

    public Dictionary<PlayerId, LeaveReason> Leaves { get; } = [];

    public void OnTickStarting(long tickNumber, TimeSpan elapsed) => recording?.Current(true, elapsed.Ticks);

    public void OnCommandApplied(RoomCommand command, SeatOutcome? outcome)
    {
        if (recording is null || recording.Steps.Count == 0)
        {
            return;
        }

        RecordedCommand? recorded = command.Kind switch
        {
            RoomCommandKind.Join => new RecordedCommand(RecordedCommandKind.Join, outcome?.Player?.Id.Value ?? 0,
                command.JoinRequest!.Name, command.JoinRequest.Claims, command.JoinRequest.Options.ToArray(),
                command.JoinRequest.AsSpectator, 0, null, 0, 0),
            RoomCommandKind.Resume or RoomCommandKind.ResumeSeat => new RecordedCommand(RecordedCommandKind.ResumeSeat,
                outcome!.Player!.Id.Value, null, null, [], false, 0, null, 0, 0),
            RoomCommandKind.Disconnect => new RecordedCommand(RecordedCommandKind.Disconnect, command.Player!.Id.Value,
                null, null, [], false, (int)command.DisconnectReason, null, 0, 0),
            RoomCommandKind.Leave => new RecordedCommand(RecordedCommandKind.Leave, command.Player!.Id.Value,
                null, null, [], false, (int)command.LeaveReason, null, 0, 0),
            RoomCommandKind.ServerEvent => new RecordedCommand(RecordedCommandKind.ServerEvent, 0, null, null,
                command.ServerEvent!.Data.ToArray(), false, 0, command.ServerEvent.Name, 0, 0),
            _ => null,
        };
        if (recorded is not null)
        {
            recording.Steps[^1].Commands.Add(recorded);
        }
    }

    public void OnInputsHanded(ReadOnlySpan<PlayerInput<TInput>> handed)
    {
        if (recording is null || recording.Steps.Count == 0)
        {
            return;
        }

        RecordedStep step = recording.Steps[^1];
        foreach (PlayerInput<TInput> input in handed)
        {
            _buffer.Clear();
            var writer = new MessagePackWriter(_buffer);
            byte tag = inputs.Write(input.Message, ref writer);
            writer.Flush();
            step.Inputs.Add(new RecordedInput(input.Player.Id.Value, input.Sequence, tag, _buffer.WrittenSpan.ToArray()));
        }
    }

    public void OnSnapshotEncoded(long tickNumber, byte tag, ReadOnlySpan<byte> body)
        => SnapshotBodies.Add(new RecordedSnapshot(tickNumber, tag, body.ToArray()));

    public void OnBroadcastEncoded(ReadOnlySpan<byte> envelope) => BroadcastEnvelopes.Add(envelope.ToArray());

    public void OnLeft(Player player, LeaveReason reason) => Leaves[player.Id] = reason;
}
