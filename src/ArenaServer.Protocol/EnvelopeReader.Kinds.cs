using System.Buffers;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol;

public static partial class EnvelopeReader
{
    private static EnvelopeStatus ReadClientFields(ref MessagePackReader reader, ref Fields fields, EnvelopeKind kind,
        out Envelope envelope)
    {
        envelope = new Envelope { Kind = kind };
        EnvelopeStatus status = EnvelopeStatus.Success;
        switch (kind)
        {
            case EnvelopeKind.Join:
            {
                status = ReadString(ref reader, ref fields, allowNil: false, out string? roomType);
                RoomIdValue roomId = RoomIdValue.None;
                ReadOnlySequence<byte> options = default;
                if (status == EnvelopeStatus.Success && fields.Remaining > 0)
                {
                    status = ReadRoomId(ref reader, ref fields, allowNil: true, out roomId);
                }

                if (status == EnvelopeStatus.Success && fields.Remaining > 0)
                {
                    status = ReadRaw(ref reader, ref fields, out options);
                    if (options.Length == 1 && options.FirstSpan[0] == 0xc0)
                    {
                        options = default; // nil options are no options
                    }
                }

                envelope = envelope with { RoomType = roomType, RoomId = roomId, Body = options };
                break;
            }

            case EnvelopeKind.Resume:
            {
                status = ReadToken(ref reader, ref fields, out ReadOnlySequence<byte> token);
                long lastTick = 0;
                if (status == EnvelopeStatus.Success)
                {
                    status = ReadInt64(ref reader, ref fields, 0, long.MaxValue, out lastTick);
                }

                envelope = envelope with { ResumeToken = token, LastSnapshotTick = lastTick };
                break;
            }

            case EnvelopeKind.Input:
            {
                status = ReadUInt32(ref reader, ref fields, out uint sequence);
                long lastTick = 0;
                byte tag = 0;
                ReadOnlySequence<byte> body = default;
                if (status == EnvelopeStatus.Success)
                {
                    status = ReadInt64(ref reader, ref fields, 0, long.MaxValue, out lastTick);
                }

                if (status == EnvelopeStatus.Success)
                {
                    status = ReadTag(ref reader, ref fields, out tag);
                }

                if (status == EnvelopeStatus.Success)
                {
                    status = ReadRaw(ref reader, ref fields, out body);
                }

                envelope = envelope with { Sequence = sequence, LastSnapshotTick = lastTick, Tag = tag, Body = body };
                break;
            }

            case EnvelopeKind.Leave:
                break;

            case EnvelopeKind.Subscribe:
            case EnvelopeKind.Unsubscribe:
            {
                status = ReadString(ref reader, ref fields, allowNil: false, out string? channel);
                envelope = envelope with { Channel = channel };
                break;
            }

            case EnvelopeKind.Ping:
            {
                status = ReadInt64(ref reader, ref fields, long.MinValue, long.MaxValue, out long clientTime);
                envelope = envelope with { ClientTimeMs = clientTime };
                break;
            }
        }

        return status;
    }

    private static EnvelopeStatus ReadServerFields(ref MessagePackReader reader, ref Fields fields, EnvelopeKind kind,
        out Envelope envelope)
    {
        envelope = new Envelope { Kind = kind };
        switch (kind)
        {
            case EnvelopeKind.Joined:
            case EnvelopeKind.Resumed:
                return ReadSeat(ref reader, ref fields, kind, ref envelope);

            case EnvelopeKind.Snapshot:
            {
                EnvelopeStatus status = ReadInt64(ref reader, ref fields, 0, long.MaxValue, out long tick);
                uint acked = 0;
                if (status == EnvelopeStatus.Success)
                {
                    status = ReadUInt32(ref reader, ref fields, out acked);
                }

                envelope = envelope with { ServerTick = tick, AckedInputSequence = acked };
                return status == EnvelopeStatus.Success ? ReadTaggedBody(ref reader, ref fields, ref envelope) : status;
            }

            case EnvelopeKind.Message:
                return ReadTaggedBody(ref reader, ref fields, ref envelope);

            case EnvelopeKind.Event:
            {
                EnvelopeStatus status = ReadString(ref reader, ref fields, allowNil: true, out string? target);
                string? name = null;
                ReadOnlySequence<byte> data = default;
                if (status == EnvelopeStatus.Success)
                {
                    status = ReadString(ref reader, ref fields, allowNil: false, out name);
                }

                if (status == EnvelopeStatus.Success)
                {
                    status = ReadRaw(ref reader, ref fields, out data);
                }

                envelope = envelope with { Channel = target, EventName = name, Body = data };
                return status;
            }

            case EnvelopeKind.Latency:
            {
                EnvelopeStatus status = ReadInt64(ref reader, ref fields, 0, long.MaxValue, out long rtt);
                long jitter = 0;
                if (status == EnvelopeStatus.Success)
                {
                    status = ReadInt64(ref reader, ref fields, 0, long.MaxValue, out jitter);
                }

                envelope = envelope with { RttMicros = rtt, JitterMicros = jitter };
                return status;
            }

            case EnvelopeKind.Pong:
            {
                EnvelopeStatus status = ReadInt64(ref reader, ref fields, long.MinValue, long.MaxValue, out long clientTime);
                long serverTime = 0;
                long tick = 0;
                if (status == EnvelopeStatus.Success)
                {
                    status = ReadInt64(ref reader, ref fields, long.MinValue, long.MaxValue, out serverTime);
                }

                if (status == EnvelopeStatus.Success)
                {
                    status = ReadInt64(ref reader, ref fields, 0, long.MaxValue, out tick);
                }

                envelope = envelope with { ClientTimeMs = clientTime, ServerTimeMs = serverTime, ServerTick = tick };
                return status;
            }

            case EnvelopeKind.Redirect:
            {
                EnvelopeStatus status = ReadString(ref reader, ref fields, allowNil: false, out string? url);
                string? reservation = null;
                if (status == EnvelopeStatus.Success)
                {
                    status = ReadString(ref reader, ref fields, allowNil: false, out reservation);
                }

                envelope = envelope with { Url = url, Reservation = reservation };
                return status;
            }

            case EnvelopeKind.Error:
            {
                EnvelopeStatus status = ReadString(ref reader, ref fields, allowNil: false, out string? code);
                string? message = null;
                if (status == EnvelopeStatus.Success)
                {
                    status = ReadString(ref reader, ref fields, allowNil: true, out message);
                }

                envelope = envelope with { ErrorCode = code, ErrorMessage = message ?? string.Empty };
                return status;
            }

            case EnvelopeKind.Presence:
                return ReadPresence(ref reader, ref fields, ref envelope);

            default:
                return EnvelopeStatus.UnknownKind;
        }
    }

    /// <summary>Presence <c>[73, full, upserts, removals]</c>: both lists must be arrays; their entries are read with
    /// <see cref="PresenceCodec"/>.</summary>
    private static EnvelopeStatus ReadPresence(ref MessagePackReader reader, ref Fields fields, ref Envelope envelope)
    {
        EnvelopeStatus status = fields.Take();
        bool full = false;
        if (status == EnvelopeStatus.Success && !reader.TryReadBoolean(out full))
        {
            status = StatusOf(reader.Error);
        }

        ReadOnlySequence<byte> upserts = default;
        ReadOnlySequence<byte> removals = default;
        if (status == EnvelopeStatus.Success)
        {
            status = ReadArray(ref reader, ref fields, out upserts);
        }

        if (status == EnvelopeStatus.Success)
        {
            status = ReadArray(ref reader, ref fields, out removals);
        }

        envelope = envelope with { IsFullPresence = full, Body = upserts, PresenceRemovals = removals };
        return status;
    }

    private static EnvelopeStatus ReadArray(ref MessagePackReader reader, ref Fields fields, out ReadOnlySequence<byte> raw)
    {
        raw = default;
        if (fields.Remaining > 0 && reader.TryPeekType(out MessagePackType type) && type != MessagePackType.Array)
        {
            return EnvelopeStatus.InvalidField;
        }

        return ReadRaw(ref reader, ref fields, out raw);
    }

    /// <summary>Joined <c>[64, playerId, roomId, resumeToken, tickRate, serverTick]</c> and Resumed
    /// <c>[65, playerId, roomId, resumeToken, serverTick]</c>.</summary>
    private static EnvelopeStatus ReadSeat(ref MessagePackReader reader, ref Fields fields, EnvelopeKind kind, ref Envelope envelope)
    {
        EnvelopeStatus status = ReadInt64(ref reader, ref fields, 0, int.MaxValue, out long playerId);
        RoomIdValue roomId = RoomIdValue.None;
        ReadOnlySequence<byte> token = default;
        long tickRate = 0;
        long tick = 0;
        if (status == EnvelopeStatus.Success)
        {
            status = ReadRoomId(ref reader, ref fields, allowNil: false, out roomId);
        }

        if (status == EnvelopeStatus.Success)
        {
            status = ReadToken(ref reader, ref fields, out token);
        }

        if (status == EnvelopeStatus.Success && kind == EnvelopeKind.Joined)
        {
            status = ReadInt64(ref reader, ref fields, 1, int.MaxValue, out tickRate);
        }

        if (status == EnvelopeStatus.Success)
        {
            status = ReadInt64(ref reader, ref fields, 0, long.MaxValue, out tick);
        }

        envelope = envelope with
        {
            PlayerId = (int)playerId,
            RoomId = roomId,
            ResumeToken = token,
            TickRate = (int)tickRate,
            ServerTick = tick,
        };
        return status;
    }

    private static EnvelopeStatus ReadTaggedBody(ref MessagePackReader reader, ref Fields fields, ref Envelope envelope)
    {
        EnvelopeStatus status = ReadTag(ref reader, ref fields, out byte tag);
        ReadOnlySequence<byte> body = default;
        if (status == EnvelopeStatus.Success)
        {
            status = ReadRaw(ref reader, ref fields, out body);
        }

        envelope = envelope with { Tag = tag, Body = body };
        return status;
    }
}
