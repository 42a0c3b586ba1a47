using System.Buffers;
using System.Buffers.Text;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol;

/// <summary>Writes envelopes (proto/PROTOCOL.md §4) with a <see cref="MessagePackWriter"/>; the caller flushes.</summary>
/// <remarks>Methods named <c>…Header</c> write the envelope up to its body: the caller then writes exactly one
/// MessagePack value (the body), which is how an encoded-once snapshot body is shared behind per-recipient
/// prefixes (ARCHITECTURE.md §4).</remarks>
public static class EnvelopeWriter
{
    /// <summary>Join <c>[1, roomType]</c>, <c>[1, roomType, roomId]</c> or <c>[1, roomType, roomId|nil, options]</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="roomType">The room type name.</param>
    /// <param name="roomId">The room to join, or <see cref="RoomIdValue.None"/> for any room of the type.</param>
    /// <param name="options">One encoded MessagePack value, or empty for none.</param>
    public static void WriteJoin(ref MessagePackWriter writer, string roomType, RoomIdValue roomId, ReadOnlySpan<byte> options)
    {
        ArgumentException.ThrowIfNullOrEmpty(roomType);
        int count = !options.IsEmpty ? 4 : roomId.IsPresent ? 3 : 2;
        WriteStart(ref writer, EnvelopeKind.Join, count);
        writer.WriteString(roomType);
        if (count >= 3)
        {
            WriteRoomId(ref writer, roomId);
        }

        if (count == 4)
        {
            writer.WriteRaw(options);
        }
    }

    /// <summary>Resume <c>[2, resumeToken, lastSnapshotTick]</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="resumeToken">The token exactly as received: one encoded str or bin value.</param>
    /// <param name="lastSnapshotTick">The newest snapshot tick applied.</param>
    public static void WriteResume(ref MessagePackWriter writer, ReadOnlySpan<byte> resumeToken, long lastSnapshotTick)
    {
        WriteStart(ref writer, EnvelopeKind.Resume, 3);
        writer.WriteRaw(resumeToken);
        writer.Write(lastSnapshotTick);
    }

    /// <summary>Input <c>[3, seq, lastSnapshotTick, tag,</c> — the caller writes the body next.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="sequence">The input sequence number.</param>
    /// <param name="lastSnapshotTick">The newest snapshot tick applied.</param>
    /// <param name="tag">The body's tag (0–127).</param>
    public static void WriteInputHeader(ref MessagePackWriter writer, uint sequence, long lastSnapshotTick, byte tag)
    {
        CheckTag(tag);
        WriteStart(ref writer, EnvelopeKind.Input, 5);
        writer.Write(sequence);
        writer.Write(lastSnapshotTick);
        writer.Write(tag);
    }

    /// <summary>Leave <c>[4]</c>.</summary>
    /// <param name="writer">The destination.</param>
    public static void WriteLeave(ref MessagePackWriter writer) => WriteStart(ref writer, EnvelopeKind.Leave, 1);

    /// <summary>Subscribe <c>[5, channel]</c> or Unsubscribe <c>[6, channel]</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="subscribe">Subscribe when true, unsubscribe when false.</param>
    /// <param name="channel">The channel name.</param>
    public static void WriteSubscription(ref MessagePackWriter writer, bool subscribe, string channel)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        WriteStart(ref writer, subscribe ? EnvelopeKind.Subscribe : EnvelopeKind.Unsubscribe, 2);
        writer.WriteString(channel);
    }

    /// <summary>Ping <c>[7, clientTimeMs]</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="clientTimeMs">The client's clock in milliseconds.</param>
    public static void WritePing(ref MessagePackWriter writer, long clientTimeMs)
    {
        WriteStart(ref writer, EnvelopeKind.Ping, 2);
        writer.Write(clientTimeMs);
    }

    /// <summary>Joined <c>[64, playerId, roomId, resumeToken, tickRate, serverTick]</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="playerId">The player's id in the room.</param>
    /// <param name="roomId">The room id (present).</param>
    /// <param name="resumeToken">The resume token, written as a str.</param>
    /// <param name="tickRate">Ticks per second.</param>
    /// <param name="serverTick">The room's current tick.</param>
    public static void WriteJoined(ref MessagePackWriter writer, int playerId, RoomIdValue roomId, string resumeToken,
        int tickRate, long serverTick)
    {
        WriteStart(ref writer, EnvelopeKind.Joined, 6);
        WriteSeat(ref writer, playerId, roomId, resumeToken);
        writer.Write(tickRate);
        writer.Write(serverTick);
    }

    /// <summary>Resumed <c>[65, playerId, roomId, resumeToken, serverTick]</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="playerId">The player's id in the room.</param>
    /// <param name="roomId">The room id (present).</param>
    /// <param name="resumeToken">The new (rotated) resume token, written as a str.</param>
    /// <param name="serverTick">The room's current tick.</param>
    public static void WriteResumed(ref MessagePackWriter writer, int playerId, RoomIdValue roomId, string resumeToken,
        long serverTick)
    {
        WriteStart(ref writer, EnvelopeKind.Resumed, 5);
        WriteSeat(ref writer, playerId, roomId, resumeToken);
        writer.Write(serverTick);
    }

    /// <summary>Snapshot <c>[66, serverTick, ackedInputSeq, tag,</c> — the shared body follows.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="serverTick">The tick the snapshot was taken at.</param>
    /// <param name="ackedInputSequence">The recipient's highest input sequence handed to <c>OnTick</c>.</param>
    /// <param name="tag">The body's tag (0–127).</param>
    public static void WriteSnapshotHeader(ref MessagePackWriter writer, long serverTick, uint ackedInputSequence, byte tag)
    {
        CheckTag(tag);
        WriteStart(ref writer, EnvelopeKind.Snapshot, 5);
        writer.Write(serverTick);
        writer.Write(ackedInputSequence);
        writer.Write(tag);
    }

    /// <summary>Message <c>[67, tag,</c> — the body follows.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="tag">The body's tag (0–127).</param>
    public static void WriteMessageHeader(ref MessagePackWriter writer, byte tag)
    {
        CheckTag(tag);
        WriteStart(ref writer, EnvelopeKind.Message, 3);
        writer.Write(tag);
    }

    /// <summary>Presence <c>[73, full, [</c> — the caller writes <paramref name="upsertCount"/> members with
    /// <see cref="PresenceCodec.WriteMember"/>, then the removals with <see cref="PresenceCodec.WriteRemovals"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="full">Whether the list is complete (replaces the client's) rather than a delta.</param>
    /// <param name="upsertCount">How many members follow.</param>
    public static void WritePresenceHeader(ref MessagePackWriter writer, bool full, int upsertCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(upsertCount);
        WriteStart(ref writer, EnvelopeKind.Presence, 4);
        writer.Write(full);
        writer.WriteArrayHeader(upsertCount);
    }

    /// <summary>Event <c>[68, target, name, data]</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="channel">The channel it came through, or null for a room event.</param>
    /// <param name="name">The event name.</param>
    /// <param name="data">One encoded MessagePack value (nil is <c>0xc0</c>).</param>
    public static void WriteEvent(ref MessagePackWriter writer, string? channel, string name, ReadOnlySpan<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        WriteStart(ref writer, EnvelopeKind.Event, 4);
        writer.WriteString(channel);
        writer.WriteString(name);
        if (data.IsEmpty)
        {
            writer.WriteNil();
        }
        else
        {
            writer.WriteRaw(data);
        }
    }

    /// <summary>Latency <c>[69, rttMicros, jitterMicros]</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="roundTripTime">The smoothed RTT.</param>
    /// <param name="jitter">The RTT variation.</param>
    public static void WriteLatency(ref MessagePackWriter writer, TimeSpan roundTripTime, TimeSpan jitter)
    {
        WriteStart(ref writer, EnvelopeKind.Latency, 3);
        writer.Write(Math.Max(0, roundTripTime.Ticks / TimeSpan.TicksPerMicrosecond));
        writer.Write(Math.Max(0, jitter.Ticks / TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>Pong <c>[70, clientTimeMs, serverTimeMs, serverTick]</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="clientTimeMs">The Ping's value, unchanged.</param>
    /// <param name="serverTimeMs">The server's Unix time in milliseconds.</param>
    /// <param name="serverTick">The room's current tick (0 when not in a room).</param>
    public static void WritePong(ref MessagePackWriter writer, long clientTimeMs, long serverTimeMs, long serverTick)
    {
        WriteStart(ref writer, EnvelopeKind.Pong, 4);
        writer.Write(clientTimeMs);
        writer.Write(serverTimeMs);
        writer.Write(serverTick);
    }

    /// <summary>Redirect <c>[71, url, reservation]</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="url">The other node's WebSocket URL.</param>
    /// <param name="reservation">The single-use seat reservation.</param>
    public static void WriteRedirect(ref MessagePackWriter writer, string url, string reservation)
    {
        WriteStart(ref writer, EnvelopeKind.Redirect, 3);
        writer.WriteString(url);
        writer.WriteString(reservation);
    }

    /// <summary>Error <c>[72, code, message]</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="code">One of <see cref="ErrorCodes"/>.</param>
    /// <param name="message">A short human-readable explanation.</param>
    public static void WriteError(ref MessagePackWriter writer, string code, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        WriteStart(ref writer, EnvelopeKind.Error, 3);
        writer.WriteString(code);
        writer.WriteString(message ?? string.Empty);
    }

    /// <summary>The JSON counterpart of <see cref="WriteSnapshotHeader"/>: writes <c>[66,tick,ack,tag,</c> as UTF-8;
    /// the caller appends the body's JSON (transcoded once) and <see cref="JsonEnvelopeSuffix"/>.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="serverTick">The snapshot tick.</param>
    /// <param name="ackedInputSequence">The recipient's acked input sequence.</param>
    /// <param name="tag">The body's tag.</param>
    /// <returns>The number of bytes written.</returns>
    public static int WriteSnapshotPrefixJson(IBufferWriter<byte> output, long serverTick, uint ackedInputSequence, byte tag)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckTag(tag);
        Span<byte> span = output.GetSpan(48);
        int length = 0;
        "[66,"u8.CopyTo(span);
        length += 4;
        length += Format(serverTick, span[length..]);
        span[length++] = (byte)',';
        length += Format(ackedInputSequence, span[length..]);
        span[length++] = (byte)',';
        length += Format(tag, span[length..]);
        span[length++] = (byte)',';
        output.Advance(length);
        return length;
    }

    /// <summary>The byte that closes a JSON envelope after its body: <c>]</c>.</summary>
    public static ReadOnlySpan<byte> JsonEnvelopeSuffix => "]"u8;

    private static int Format(long value, Span<byte> destination)
    {
        Utf8Formatter.TryFormat(value, destination, out int written);
        return written;
    }

    private static void WriteStart(ref MessagePackWriter writer, EnvelopeKind kind, int count)
    {
        writer.WriteArrayHeader(count);
        writer.Write((byte)kind);
    }

    private static void WriteSeat(ref MessagePackWriter writer, int playerId, RoomIdValue roomId, string resumeToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(playerId);
        ArgumentException.ThrowIfNullOrEmpty(resumeToken);
        if (!roomId.IsPresent)
        {
            throw new ArgumentException("Joined and Resumed carry the room id.", nameof(roomId));
        }

        writer.Write(playerId);
        WriteRoomId(ref writer, roomId);
        writer.WriteString(resumeToken);
    }

    private static void WriteRoomId(ref MessagePackWriter writer, RoomIdValue roomId)
    {
        if (!roomId.IsPresent)
        {
            writer.WriteNil();
        }
        else if (roomId.Text is { } text)
        {
            writer.WriteString(text);
        }
        else
        {
            writer.Write(roomId.Number);
        }
    }

    private static void CheckTag(byte tag) => ArgumentOutOfRangeException.ThrowIfGreaterThan(tag, EnvelopeKinds.MaxKind);
}
