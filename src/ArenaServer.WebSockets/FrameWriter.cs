using System.Buffers;
using System.Buffers.Binary;
using System.Text.Unicode;

namespace ArenaServer.WebSockets;

/// <summary>Writes frames (RFC 6455 §5.2) with the minimal length encoding, straight into the output.</summary>
public static class FrameWriter
{
    /// <summary>The largest header: 2 bytes, a 64-bit length and a masking key.</summary>
    public const int MaxHeaderSize = 14;

    /// <summary>The most payload a control frame may carry (RFC 6455 §5.5).</summary>
    public const int MaxControlPayloadLength = 125;

    private const byte FinBit = 0b_1000_0000;
    private const byte MaskBit = 0b_1000_0000;

    /// <summary>Returns the header size for a payload length.</summary>
    /// <param name="payloadLength">The payload length (non-negative).</param>
    /// <param name="masked">Whether a masking key follows the length.</param>
    /// <returns>2 to 14.</returns>
    public static int GetHeaderSize(long payloadLength, bool masked)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        int size = payloadLength <= 125 ? 2 : payloadLength <= ushort.MaxValue ? 4 : 10;
        return masked ? size + 4 : size;
    }

    /// <summary>Writes a frame header.</summary>
    /// <param name="destination">At least <see cref="GetHeaderSize"/> bytes.</param>
    /// <param name="fin">Whether this frame ends its message.</param>
    /// <param name="opcode">The opcode.</param>
    /// <param name="payloadLength">The payload length.</param>
    /// <param name="maskKey">The masking key in <see cref="FrameHeader.MaskKey"/> order (client role), or <see langword="null"/>.</param>
    /// <returns>The number of bytes written.</returns>
    public static int WriteHeader(Span<byte> destination, bool fin, Opcode opcode, long payloadLength, int? maskKey = null)
    {
        int size = GetHeaderSize(payloadLength, maskKey.HasValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, size, nameof(destination));
        destination[0] = (byte)((fin ? FinBit : 0) | (byte)opcode);
        byte mask = maskKey.HasValue ? MaskBit : (byte)0;
        int offset;
        if (payloadLength <= 125)
        {
            destination[1] = (byte)(mask | (byte)payloadLength);
            offset = 2;
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = (byte)(mask | 126);
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
            offset = 4;
        }
        else
        {
            destination[1] = (byte)(mask | 127);
            BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
            offset = 10;
        }

        if (maskKey is int key)
        {
            BinaryPrimitives.WriteInt32BigEndian(destination[offset..], key);
            offset += 4;
        }

        return offset;
    }

    /// <summary>Writes an unmasked (server-role) frame: header then payload.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="fin">Whether this frame ends its message.</param>
    /// <param name="opcode">The opcode.</param>
    /// <param name="payload">The payload; control frames carry at most 125 bytes.</param>
    public static void WriteFrame(IBufferWriter<byte> output, bool fin, Opcode opcode, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        int headerSize = GetHeaderSize(payload.Length, masked: false);
        int total = headerSize + payload.Length;
        Span<byte> span = output.GetSpan(Math.Min(total, 4096));
        WriteHeader(span, fin, opcode, payload.Length);
        if (span.Length >= total)
        {
            payload.CopyTo(span[headerSize..]);
            output.Advance(total);
            return;
        }

        output.Advance(headerSize);
        output.Write(payload);
    }

    /// <summary>Writes a Close frame (RFC 6455 §5.5.1).</summary>
    /// <param name="output">The destination.</param>
    /// <param name="code">The status code; <see cref="WebSocketCloseCodes.NoStatusReceived"/> writes an empty payload.</param>
    /// <param name="reason">The reason, truncated to fit 125 bytes on a UTF-8 boundary.</param>
    public static void WriteClose(IBufferWriter<byte> output, ushort code, string? reason)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> payload = stackalloc byte[MaxControlPayloadLength];
        int length = 0;

        // §7.4.1: 1005 must not be sent in a Close frame; "no status" is expressed by an empty payload.
        if (code != WebSocketCloseCodes.NoStatusReceived)
        {
            BinaryPrimitives.WriteUInt16BigEndian(payload, code);
            length = 2;
            if (!string.IsNullOrEmpty(reason))
            {
                // FromUtf16 writes whole scalars only, so stopping at DestinationTooSmall cuts on a UTF-8 boundary.
                Utf8.FromUtf16(reason, payload[2..], out _, out int written, replaceInvalidSequences: true, isFinalBlock: true);
                length += written;
            }
        }

        WriteFrame(output, fin: true, Opcode.Close, payload[..length]);
    }
}
