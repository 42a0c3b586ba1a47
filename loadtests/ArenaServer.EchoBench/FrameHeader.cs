using System.Buffers.Binary;

namespace ArenaServer.EchoBench;

/// <summary>A frame header as the benchmark clients read it (RFC 6455 §5.2): 7-, 16- or 64-bit payload length, and
/// a masking key when the mask bit is set.</summary>
internal readonly record struct FrameHeader(byte Opcode, bool Fin, bool Masked, int HeaderLength, long PayloadLength)
{
    private const byte FinBit = 0b_1000_0000;
    private const byte MaskBit = 0b_1000_0000;

    /// <summary>Reads the header at the start of <paramref name="buffer"/>; false when it is not all there yet.</summary>
    public static bool TryRead(ReadOnlySpan<byte> buffer, out FrameHeader header)
    {
        header = default;
        if (buffer.Length < 2)
        {
            return false;
        }

        long length = buffer[1] & 0x7F;
        int headerLength = 2;
        if (length == 126)
        {
            headerLength = 4;
            if (buffer.Length < headerLength)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        }
        else if (length == 127)
        {
            headerLength = 10;
            if (buffer.Length < headerLength)
            {
                return false;
            }

            length = (long)BinaryPrimitives.ReadUInt64BigEndian(buffer[2..]);
        }

        bool masked = (buffer[1] & MaskBit) != 0;
        if (masked)
        {
            headerLength += 4;
            if (buffer.Length < headerLength)
            {
                return false;
            }
        }

        header = new FrameHeader((byte)(buffer[0] & 0x0F), (buffer[0] & FinBit) != 0, masked, headerLength, length);
        return true;
    }
}
