using System.Buffers;
using ArenaServer.Abstractions;
using ArenaServer.MessagePack;
using ArenaServer.Protocol;
using ArenaServer.Server.Rooms;
using ArenaServer.Transport;

namespace ArenaServer.Testing.Harness;

/// <summary>A simulated connection: every frame the room host hands it is turned into bytes and decoded as a client
/// would decode it, so codec mistakes surface in room tests (ARCHITECTURE.md §11).</summary>
/// <remarks>Test thread only (the harness ticks on it).</remarks>
internal sealed class HarnessConnection<TOutput>(MessageSet<TOutput> outputs) : IPlayerSink where TOutput : class
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public HarnessPlayer? Owner { get; set; }

    // The harness decodes MessagePack; JSON recipients are covered by the engine's own tests.
    public bool PrefersJson => false;

    public bool IsOpen { get; private set; } = true;

    public List<TOutput> Messages { get; } = [];

    public List<HarnessSnapshot<TOutput>> Snapshots { get; } = [];

    public List<HarnessEvent> Events { get; } = [];

    /// <summary>The room's members as this connection's presence messages describe them.</summary>
    public List<PresenceMember> Members { get; } = [];

    /// <summary>How many presence envelopes arrived.</summary>
    public int PresenceUpdates { get; private set; }

    public string? JoinedToken { get; private set; }

    public long JoinedTick { get; private set; }

    public int JoinedPlayerId { get; private set; }

    public ushort? CloseCode { get; private set; }

    public SinkResult TrySend(OutboundFrame frame)
    {
        if (!IsOpen)
        {
            return SinkResult.Closed;
        }

        ReadOnlyMemory<byte> memory = frame.Memory;
        byte[] payload = memory[(memory.Length - frame.PayloadLength)..].ToArray();
        frame.Release();
        Decode(payload);
        return SinkResult.Accepted;
    }

    public SinkResult TrySetSnapshot(SnapshotFrame snapshot)
    {
        if (!IsOpen)
        {
            return SinkResult.Closed;
        }

        _buffer.Clear();
        snapshot.WriteEnvelope(_buffer);
        snapshot.Body.Release();
        byte[] bytes = _buffer.WrittenSpan.ToArray();
        Envelope envelope = Read(bytes, EnvelopeKind.Snapshot);
        MessageReadStatus status = outputs.TryRead(envelope.Tag, envelope.Body, null, out TOutput? body);
        if (status != MessageReadStatus.Success)
        {
            throw new InvalidOperationException($"The snapshot body did not decode: {status}.");
        }

        Snapshots.Add(new HarnessSnapshot<TOutput>(envelope.ServerTick, envelope.AckedInputSequence, body!, snapshot.IsFull, bytes));
        return SinkResult.Accepted;
    }

    public void Close(ushort code, string reason)
    {
        if (!IsOpen)
        {
            return;
        }

        IsOpen = false;
        CloseCode = code;
        if (Owner is { } owner)
        {
            owner.ReceivedCloseCodes.Add(code);
            if (ReferenceEquals(owner.Connection, this))
            {
                owner.CloseCode = code;
            }
        }
    }

    /// <summary>The connection is lost without a close frame (socket loss): nothing more arrives.</summary>
    public void Drop() => IsOpen = false;

    private void Decode(byte[] payload)
    {
        Envelope envelope = Read(payload, null);
        switch (envelope.Kind)
        {
            case EnvelopeKind.Joined or EnvelopeKind.Resumed:
                var reader = new MessagePackReader(envelope.ResumeToken);
                if (!reader.TryReadString(out string? token) || token is null)
                {
                    throw new InvalidOperationException("The resume token is not a string.");
                }

                JoinedToken = token;
                JoinedTick = envelope.ServerTick;
                JoinedPlayerId = envelope.PlayerId;
                break;
            case EnvelopeKind.Message:
                MessageReadStatus status = outputs.TryRead(envelope.Tag, envelope.Body, null, out TOutput? message);
                if (status != MessageReadStatus.Success)
                {
                    throw new InvalidOperationException($"A message with tag {envelope.Tag} did not decode: {status}.");
                }

                Messages.Add(message!);
                break;
            case EnvelopeKind.Event:
                Events.Add(new HarnessEvent(envelope.Channel, envelope.EventName!, envelope.Body.ToArray()));
                break;
            case EnvelopeKind.Presence:
                ApplyPresence(envelope);
                break;
            default:
                throw new InvalidOperationException($"Unexpected envelope kind {envelope.Kind} from the room host.");
        }
    }

    private void ApplyPresence(in Envelope envelope)
    {
        if (!PresenceCodec.TryApply(Members, envelope))
        {
            throw new InvalidOperationException("A presence envelope did not decode.");
        }

        PresenceUpdates++;
    }

    private static Envelope Read(byte[] bytes, EnvelopeKind? expected)
    {
        EnvelopeStatus status = EnvelopeReader.ReadFromServer(new ReadOnlySequence<byte>(bytes), null, out Envelope envelope);
        if (status != EnvelopeStatus.Success || (expected is { } kind && envelope.Kind != kind))
        {
            throw new InvalidOperationException($"The room host sent an envelope that does not decode: {status} ({Convert.ToHexString(bytes)}).");
        }

        return envelope;
    }
}
