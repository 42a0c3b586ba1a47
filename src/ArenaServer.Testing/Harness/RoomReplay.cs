using System.Buffers;
using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Rooms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArenaServer.Testing.Harness;

/// <summary>Replays a <see cref="RoomRecording"/> offline against a fresh room: same seed, same clock offsets, same
/// commands and inputs at the same ticks, so a deterministic room produces byte-identical snapshots (issue 4 item 8).</summary>
/// <example>
/// <code>
/// IReadOnlyList&lt;RecordedSnapshot&gt; replayed = RoomReplay.Run&lt;ArenaRoom, IArenaInput, IArenaOutput&gt;(
///     RoomRecording.Load("crash.arec"), ArenaMessages.Inputs, ArenaMessages.Outputs);
/// </code>
/// </example>
public static class RoomReplay
{
    /// <summary>Runs the recording and returns every snapshot body the room encoded.</summary>
    /// <typeparam name="TRoom">The room class (the same as recorded).</typeparam>
    /// <typeparam name="TInput">The input marker type.</typeparam>
    /// <typeparam name="TOutput">The output marker type.</typeparam>
    /// <param name="recording">The recording.</param>
    /// <param name="inputs">The room type's input set.</param>
    /// <param name="outputs">The room type's output set.</param>
    /// <param name="logger">The room's logger; none by default.</param>
    /// <returns>The snapshot bodies, in tick order.</returns>
    public static IReadOnlyList<RecordedSnapshot> Run<TRoom, TInput, TOutput>(RoomRecording recording,
        MessageSet<TInput> inputs, MessageSet<TOutput> outputs, ILogger? logger = null)
        where TRoom : Room<TInput, TOutput>, new()
        where TInput : class
        where TOutput : class
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        var clock = new ManualClock(recording.ClockStart);
        var tap = new HarnessTap<TInput>(inputs, null);
        var host = new RoomHost<TRoom, TInput, TOutput>(recording.RoomId, recording.CreateArgs, new TRoom(), outputs,
            recording.Options, clock, recording.Seed, logger ?? NullLogger.Instance, tap);
        long startedAt = clock.GetTimestamp();
        host.Start();
        var seats = new Dictionary<int, (Player Player, HarnessConnection<TOutput> Connection)>();
        foreach (RecordedStep step in recording.Steps)
        {
            long elapsed = clock.GetTimestamp() - startedAt;
            if (step.ElapsedTicks > elapsed)
            {
                clock.Advance(TimeSpan.FromTicks(step.ElapsedTicks - elapsed));
            }

            var pending = new List<(Task<SeatOutcome> Task, HarnessConnection<TOutput> Connection)>();
            foreach (RecordedCommand command in step.Commands)
            {
                Enqueue(host, command, outputs, seats, pending);
                if (!step.IsTick)
                {
                    // Between ticks the harness applied each command at once; a later command may name a new seat.
                    host.ApplyCommandsNow();
                    Collect(pending, seats);
                }
            }

            if (step.IsTick)
            {
                foreach (RecordedInput input in step.Inputs)
                {
                    if (seats.TryGetValue(input.PlayerId, out var seat) &&
                        inputs.TryRead(input.Tag, new ReadOnlySequence<byte>(input.Body), null, out TInput? message) == MessageReadStatus.Success)
                    {
                        host.TryWriteInput(seat.Player, input.Sequence, message!);
                    }
                }

                host.RunTick();
                Collect(pending, seats);
            }
        }

        return tap.SnapshotBodies;
    }

    private static void Enqueue<TRoom, TInput, TOutput>(RoomHost<TRoom, TInput, TOutput> host, RecordedCommand command,
        MessageSet<TOutput> outputs, Dictionary<int, (Player Player, HarnessConnection<TOutput> Connection)> seats,
        List<(Task<SeatOutcome> Task, HarnessConnection<TOutput> Connection)> pending)
        where TRoom : Room<TInput, TOutput>
        where TInput : class
        where TOutput : class
    {
        switch (command.Kind)
        {
            case RecordedCommandKind.Join:
                var joining = new HarnessConnection<TOutput>(outputs);
                var request = new JoinRequest(command.Name ?? string.Empty, command.Claims ?? JoinRequest.EmptyClaims,
                    command.Data, command.AsSpectator);
                pending.Add((host.TryEnqueueJoin(request, joining), joining));
                break;
            case RecordedCommandKind.ResumeSeat:
                var resuming = new HarnessConnection<TOutput>(outputs);
                pending.Add((host.TryEnqueueResumeSeat(new PlayerId(command.PlayerId), resuming), resuming));
                break;
            case RecordedCommandKind.Disconnect when seats.TryGetValue(command.PlayerId, out var seat):
                seat.Connection.Drop();
                host.TryEnqueueDisconnect(seat.Player, seat.Connection, (DisconnectReason)command.Reason);
                break;
            case RecordedCommandKind.Leave when seats.TryGetValue(command.PlayerId, out var seat):
                host.TryEnqueueLeave(seat.Player, seat.Connection, (LeaveReason)command.Reason);
                break;
            case RecordedCommandKind.ServerEvent:
                host.TryEnqueueServerEvent(new ServerEvent(command.EventName ?? string.Empty, command.Data));
                break;
            case RecordedCommandKind.Latency when seats.TryGetValue(command.PlayerId, out var seat):
                RoomHost<TRoom, TInput, TOutput>.ReportLatency(seat.Player, TimeSpan.FromTicks(command.RoundTripTicks),
                    TimeSpan.FromTicks(command.JitterTicks));
                break;
        }
    }

    private static void Collect<TOutput>(List<(Task<SeatOutcome> Task, HarnessConnection<TOutput> Connection)> pending,
        Dictionary<int, (Player Player, HarnessConnection<TOutput> Connection)> seats)
        where TOutput : class
    {
        foreach ((Task<SeatOutcome> task, HarnessConnection<TOutput> connection) in pending)
        {
            if (task.IsCompletedSuccessfully && task.GetAwaiter().GetResult() is { IsSeated: true, Player: { } player })
            {
                seats[player.Id.Value] = (player, connection);
            }
        }

        pending.Clear();
    }
}
