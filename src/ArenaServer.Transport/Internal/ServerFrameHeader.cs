using System.Buffers.Binary;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport.Internal;

/// <summary>Writes the unmasked header of a server-to-client frame right-aligned in front of its payload.</summary>
internal static class ServerFrameHeader
{
    /// <summary>2 bytes plus a 64-bit extended length; server frames carry no mask key (RFC 6455 §5.1, §5.2).</summary>
    public const int MaxSize = 10;

    private const byte FinBit = 0b_1000_0000; // FIN, RFC 6455 §5.2

    public static int GetSize(int payloadLength) => payloadLength <= 125 ? 2 : payloadLength <= ushort.MaxValue ? 4 : 10;

    /// <summary>Writes the header so that it ends at <c>destination[MaxSize]</c>; returns where it starts.</summary>
    public static int WriteBefore(Span<byte> destination, Opcode opcode, int payloadLength)
    {
        int size = GetSize(payloadLength);
        Span<byte> header = destination.Slice(MaxSize - size, size);
        header[0] = (byte)(FinBit | (byte)opcode);
        if (size == 2)
        {
            header[1] = (byte)payloadLength;
        }
        else if (size == 4)
        {
            // RFC 6455 §5.2: 126 means a 16-bit length follows in network order.
            header[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)payloadLength);
        }
        else
        {
            // 127 means a 64-bit length follows; its most significant bit stays 0.
            header[1] = 127;
            BinaryPrimitives.WriteUInt64BigEndian(header[2..], (ulong)payloadLength);
        }

        return MaxSize - size;
    }
}
