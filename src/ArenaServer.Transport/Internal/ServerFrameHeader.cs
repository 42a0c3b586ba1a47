using ArenaServer.WebSockets;

namespace ArenaServer.Transport.Internal;

/// <summary>Places the unmasked header of a server-to-client frame right-aligned in front of its payload, so a pooled
/// buffer that reserved <see cref="MaxSize"/> bytes can be framed after the payload was encoded (encode-once).</summary>
/// <remarks>The header bytes themselves come from the codec's <see cref="FrameWriter"/> (RFC 6455 §5.2).</remarks>
internal static class ServerFrameHeader
{
    /// <summary>2 bytes plus a 64-bit extended length; server frames carry no mask key (RFC 6455 §5.1, §5.2).</summary>
    public const int MaxSize = 10;

    /// <summary>Writes a final, unmasked header so that it ends at <c>destination[MaxSize]</c>; returns where it starts.</summary>
    public static int WriteBefore(Span<byte> destination, Opcode opcode, int payloadLength)
    {
        int start = MaxSize - FrameWriter.GetHeaderSize(payloadLength, masked: false);
        FrameWriter.WriteHeader(destination[start..MaxSize], fin: true, opcode, payloadLength);
        return start;
    }
}
