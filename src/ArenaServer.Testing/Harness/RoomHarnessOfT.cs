using System.Buffers;
using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.MessagePack;
using ArenaServer.Protocol;
using ArenaServer.Server.Rooms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArenaServer.Testing.Harness;

/// <summary>A room under test: the real <c>RoomHost</c> and its queues on a <see cref="ManualClock"/> with a seeded
/// <see cref="Random"/>, ticked on the test thread, with every output encoded to bytes and decoded as a client would.</summary>
/// <typeparam name="TRoom">The room class.</typeparam>
/// <typeparam name="TInput">The input marker type.</typeparam>
/// <typeparam name="TOutput">The output marker type.</typeparam>
/// <remarks>Test thread only. Joins, resumes, drops, leaves and published events are applied at once (between
/// ticks, through the same control queue); inputs wait for the next tick, as on a server. Everything is recorded in
/// <see cref="Recording"/> for offline replay.</remarks>
/// <example>
/// <code>
/// using var harness = RoomHarness.Create&lt;ArenaRoom, IArenaInput, IArenaOutput&gt;(ArenaMessages.Inputs, ArenaMessages.Outputs);
/// HarnessPlayer alice = harness.Join("alice");
/// harness.Disconnect(alice);
/// harness.Advance(TimeSpan.FromSeconds(21));
/// Assert.Equal(LeaveReason.ReconnectTimedOut, harness.LastLeave(alice));
/// </code>
/// </example>
public sealed partial class RoomHarness<TRoom, TInput, TOutput> : IDisposable
    where TRoom : Room<TInput, TOutput>
    where TInput : class
    where TOutput : class
{
    private readonly MessageSet<TInput> _inputs;
    private readonly MessageSet<TOutput> _outputs;
    private readonly RoomHost<TRoom, TInput, TOutput> _host;
    private readonly HarnessTap<TInput> _tap;
    private readonly long _startedAt;
    private readonly List<HarnessPlayer> _players = [];
    private readonly Dictionary<HarnessPlayer, List<HarnessConnection<TOutput>>> _connections = [];
    private readonly ArrayBufferWriter<byte> _buffer = new();

    internal RoomHarness(TRoom room, MessageSet<TInput> inputs, MessageSet<TOutput> outputs, RoomOptions options, int seed,
        RoomCreateArgs createArgs, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        _inputs = inputs;
        _outputs = outputs;
        Clock = new ManualClock();
        var roomId = new RoomId("harness-room");
        Recording = new RoomRecording(seed, roomId, createArgs, options, Clock.GetUtcNow());
        _tap = new HarnessTap<TInput>(inputs, Recording);
        _host = new RoomHost<TRoom, TInput, TOutput>(roomId, createArgs, room, outputs, options, Clock, seed,
            logger ?? NullLogger.Instance, _tap);
        _startedAt = Clock.GetTimestamp();
        Recording.Current(false, 0);
        _host.Start();
    }

    /// <summary>Gets the room's clock; advance it through <see cref="Tick"/>, <see cref="Advance"/> or <see cref="Stall"/>.</summary>
    public ManualClock Clock { get; }

    /// <summary>Gets the room instance, for white-box assertions between harness calls.</summary>
    public TRoom Room => _host.Room;

    /// <summary>Gets the room's validated options.</summary>
    public RoomOptions Options => _host.Options;

    /// <summary>Gets the fixed step.</summary>
    public TimeSpan TickInterval => _host.Options.TickInterval;

    /// <summary>Gets the number of the last tick run.</summary>
    public long CurrentTick => _host.CurrentTick;

    /// <summary>Gets whether the room closed.</summary>
    public bool IsClosed => _host.IsClosed;

    /// <summary>Gets why the room closed, once closed.</summary>
    public RoomCloseReason? CloseReason => _host.CloseReason;

    /// <summary>Gets the ticks dropped by the catch-up cap.</summary>
    public long SkippedTicks => _host.SkippedTicks;

    /// <summary>Gets the inputs dropped because the room's input queue was full.</summary>
    public long InputsDroppedQueueFull => _host.InputsDroppedQueueFull;

    /// <summary>Gets the inputs dropped over the per-player per-tick cap (or out of sequence, or from spectators).</summary>
    public long InputsDroppedPerTick => _host.InputsDroppedPerTick;

    /// <summary>Gets the sends dropped because the recipient was not connected.</summary>
    public long SendsDropped => _host.SendsDropped;

    /// <summary>Gets every player and spectator that ever joined, in join order.</summary>
    public IReadOnlyList<HarnessPlayer> Players => _players;

    /// <summary>Gets every snapshot body the room encoded (once per snapshot tick), for replay comparison.</summary>
    public IReadOnlyList<RecordedSnapshot> SnapshotBodies => _tap.SnapshotBodies;

    /// <summary>Gets the recording of this room so far.</summary>
    public RoomRecording Recording { get; }

    /// <summary>Gets the broadcast messages, decoded from the one buffer each was encoded into.</summary>
    public IReadOnlyList<TOutput> Broadcasts => [.. _tap.BroadcastEnvelopes.Select(DecodeBroadcast).OfType<TOutput>()];

    /// <summary>Gets the players that were kicked (close 4003).</summary>
    public IReadOnlyList<HarnessPlayer> Kicked => [.. _players.Where(p => p.CloseCodes.Contains(CloseCodes.Kicked))];

    private long Elapsed => Clock.GetTimestamp() - _startedAt;

    /// <inheritdoc />
    public void Dispose()
    {
        // The host owns no threads or timers; pooled frames were all released as they were decoded.
    }

    private TOutput? DecodeBroadcast(byte[] envelope)
    {
        EnvelopeStatus status = EnvelopeReader.ReadFromServer(new ReadOnlySequence<byte>(envelope), null, out Envelope decoded);
        if (status != EnvelopeStatus.Success)
        {
            throw new InvalidOperationException($"A broadcast does not decode: {status}.");
        }

        return decoded.Kind == EnvelopeKind.Message && _outputs.TryRead(decoded.Tag, decoded.Body, null, out TOutput? message) == MessageReadStatus.Success
            ? message
            : null;
    }

    private TInput RoundTrip(TInput message, out byte tag)
    {
        _buffer.Clear();
        var writer = new MessagePackWriter(_buffer);
        tag = _inputs.Write(message, ref writer);
        writer.Flush();
        MessageReadStatus status = _inputs.TryRead(tag, new ReadOnlySequence<byte>(_buffer.WrittenMemory), null, out TInput? decoded);
        if (status != MessageReadStatus.Success)
        {
            throw new InvalidOperationException($"{message.GetType().Name} does not survive encode → decode: {status}.");
        }

        return decoded!;
    }

    private void ApplyNow()
    {
        Recording.Current(false, Elapsed);
        _host.ApplyCommandsNow();
    }

    private HarnessConnection<TOutput> Current(HarnessPlayer player)
    {
        ArgumentNullException.ThrowIfNull(player);
        return player.Connection as HarnessConnection<TOutput> ?? throw new ArgumentException("Not a player of this harness.", nameof(player));
    }

    private static SeatOutcome Completed(Task<SeatOutcome> task)
    {
        // The harness applies commands on the calling thread, so the outcome is already there.
        if (!task.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("The room host did not answer the command synchronously.");
        }

        return task.GetAwaiter().GetResult();
    }
}
