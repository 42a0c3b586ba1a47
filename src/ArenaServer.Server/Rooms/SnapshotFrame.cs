using System.Buffers;
using ArenaServer.MessagePack;
using ArenaServer.Protocol;
using ArenaServer.Transport;

namespace ArenaServer.Server.Rooms;

/// <summary>One recipient's snapshot: the body encoded once per room and tick, plus this recipient's prefix values
/// (<c>[66, serverTick, ackedInputSeq, tag,</c>, ARCHITECTURE.md §9).</summary>
/// <param name="Body">The shared body; its payload is exactly one MessagePack value. The recipient owns one reference.</param>
/// <param name="ServerTick">The snapshot's tick.</param>
/// <param name="AckedInput">The recipient's highest input sequence handed to <c>OnTick</c>.</param>
/// <param name="Tag">The body's tag in the room type's output set.</param>
/// <param name="IsFull">Whether it must be a full snapshot (first after join or resume); v1 sends only full ones.</param>
/// <param name="IsJson">Whether <paramref name="Body"/> is the <c>arena.v1.json</c> text of the body (transcoded once).</param>
internal readonly record struct SnapshotFrame(OutboundFrame Body, long ServerTick, uint AckedInput, byte Tag, bool IsFull,
    bool IsJson = false)
{
    // The JSON prefix "[66,<int64>,<uint32>,<tag>," is at most 4 + 20 + 1 + 10 + 1 + 3 + 1 = 40 bytes; MessagePack needs 17.
    private const int MaxPrefixSize = 48;

    /// <summary>Gets the shared body bytes (one MessagePack value).</summary>
    public ReadOnlyMemory<byte> BodyBytes => Body.Payload;

    /// <summary>Builds this recipient's WebSocket frame without copying the body: a gathered frame whose own bytes are
    /// the frame header and the prefix (<c>[66, tick, ack, tag,</c>, or its JSON text), followed on the wire by the
    /// shared body and, for JSON, the closing <c>]</c> (ARCHITECTURE.md §4, §9). Same bytes as
    /// <see cref="WriteEnvelope"/> framed as one message.</summary>
    /// <returns>A frame with one reference; it takes over this recipient's reference of <see cref="Body"/>.</returns>
    public OutboundFrame ToWireFrame()
    {
        OutboundFrameWriter prefix = OutboundFrame.RentPrefix(IsJson ? WebSocketMessageType.Text : WebSocketMessageType.Binary,
            Body, MaxPrefixSize);
        if (IsJson)
        {
            EnvelopeWriter.WriteSnapshotPrefixJson(prefix, ServerTick, AckedInput, Tag);
            return prefix.Complete(EnvelopeWriter.JsonEnvelopeSuffix);
        }

        var writer = new MessagePackWriter(prefix);
        EnvelopeWriter.WriteSnapshotHeader(ref writer, ServerTick, AckedInput, Tag);
        writer.Flush();
        return prefix.Complete();
    }

    /// <summary>Writes the whole envelope (prefix, body, and for JSON the closing bracket).</summary>
    /// <param name="output">The destination.</param>
    public void WriteEnvelope(IBufferWriter<byte> output)
    {
        if (IsJson)
        {
            EnvelopeWriter.WriteSnapshotPrefixJson(output, ServerTick, AckedInput, Tag);
            output.Write(BodyBytes.Span);
            output.Write(EnvelopeWriter.JsonEnvelopeSuffix);
            return;
        }

        var writer = new MessagePackWriter(output);
        EnvelopeWriter.WriteSnapshotHeader(ref writer, ServerTick, AckedInput, Tag);
        writer.WriteRaw(BodyBytes.Span);
        writer.Flush();
    }
}
