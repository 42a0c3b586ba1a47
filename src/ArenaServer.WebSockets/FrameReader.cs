using System.Buffers;
using System.Buffers.Binary;

namespace ArenaServer.WebSockets;

/// <summary>Reads frame headers (RFC 6455 §5.2) from buffered bytes without consuming or allocating.</summary>
public static class FrameReader
{
    private const byte FinBit = 0b_1000_0000;     // FIN, RFC 6455 §5.2
    private const byte RsvBits = 0b_0111_0000;    // RSV1–3, RFC 6455 §5.2
    private const byte OpcodeBits = 0b_0000_1111;
    private const byte MaskBit = 0b_1000_0000;    // MASK, RFC 6455 §5.2
    private const byte LengthBits = 0b_0111_1111;
    private const byte Length16 = 126;
    private const byte Length64 = 127;
    private const int MaxControlPayload = 125;    // RFC 6455 §5.5

    /// <summary>Reads one frame header (2–14 bytes) from the start of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The buffered bytes; the frame starts at its beginning.</param>
    /// <param name="header">The header on success; the payload starts <see cref="FrameHeader.HeaderLength"/> bytes in.</param>
    /// <param name="error">The close status (1002 and a reason) on <see cref="FrameDecodeResult.ProtocolError"/>.</param>
    /// <returns>
    /// <see cref="FrameDecodeResult.NeedMoreData"/> while the header is incomplete (nothing consumed);
    /// <see cref="FrameDecodeResult.ProtocolError"/> for a reserved opcode, a control frame over 125 bytes or without FIN, or a
    /// 64-bit length with its most significant bit set. Masking, RSV and fragmentation are <see cref="MessageValidator"/>'s job.
    /// </returns>
    public static FrameDecodeResult TryReadHeader(ReadOnlySequence<byte> buffer, out FrameHeader header, out WebSocketCloseStatus error)
    {
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        return first.Length >= FrameWriter.MaxHeaderSize || buffer.IsSingleSegment
            ? TryReadHeader(first, out header, out error)
            : TryReadHeaderMultiSegment(buffer, out header, out error);
    }

    /// <summary>Reads one frame header from a contiguous span; see the sequence overload.</summary>
    /// <param name="buffer">The buffered bytes; the frame starts at its beginning.</param>
    /// <param name="header">The header on success.</param>
    /// <param name="error">The close status on <see cref="FrameDecodeResult.ProtocolError"/>.</param>
    /// <returns>The classification.</returns>
    public static FrameDecodeResult TryReadHeader(ReadOnlySpan<byte> buffer, out FrameHeader header, out WebSocketCloseStatus error)
    {
        header = default;
        error = default;
        if (buffer.Length < 2)
        {
            return FrameDecodeResult.NeedMoreData;
        }

        byte first = buffer[0];
        byte second = buffer[1];
        bool fin = (first & FinBit) != 0;
        var opcode = (Opcode)(first & OpcodeBits);
        bool masked = (second & MaskBit) != 0;
        int length7 = second & LengthBits;

        // These are decidable from the first two bytes, so they fail fast without waiting for the rest.
        if (opcode is not (Opcode.Continuation or Opcode.Text or Opcode.Binary or Opcode.Close or Opcode.Ping or Opcode.Pong))
        {
            return Fail(out error, "reserved opcode");
        }

        bool isControl = ((byte)opcode & 0b_1000) != 0;
        if (isControl && length7 > MaxControlPayload)
        {
            return Fail(out error, "control frame payload over 125 bytes");
        }

        if (isControl && !fin)
        {
            return Fail(out error, "fragmented control frame");
        }

        int lengthBytes = length7 switch { Length16 => 2, Length64 => 8, _ => 0 };
        int headerLength = 2 + lengthBytes + (masked ? 4 : 0);
        if (buffer.Length < headerLength)
        {
            return FrameDecodeResult.NeedMoreData;
        }

        long payloadLength = length7;
        if (length7 == Length16)
        {
            payloadLength = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        }
        else if (length7 == Length64)
        {
            // §5.2: "the most significant bit MUST be 0". Non-minimal encodings are accepted (the RFC forbids sending them
            // but a receiver loses nothing by tolerating them).
            ulong length64 = BinaryPrimitives.ReadUInt64BigEndian(buffer[2..]);
            if (length64 > long.MaxValue)
            {
                return Fail(out error, "64-bit payload length with the most significant bit set");
            }

            payloadLength = (long)length64;
        }

        int maskKey = masked ? BinaryPrimitives.ReadInt32BigEndian(buffer[(2 + lengthBytes)..]) : 0;
        header = new FrameHeader(fin, (byte)(first & RsvBits), opcode, masked, maskKey, payloadLength, headerLength);
        return FrameDecodeResult.Success;
    }

    // A header split across segments is rare (a header is at most 14 bytes), so it is gathered into a stack copy.
    private static FrameDecodeResult TryReadHeaderMultiSegment(ReadOnlySequence<byte> buffer, out FrameHeader header, out WebSocketCloseStatus error)
    {
        Span<byte> copy = stackalloc byte[FrameWriter.MaxHeaderSize];
        int copied = 0;
        foreach (ReadOnlyMemory<byte> segment in buffer)
        {
            ReadOnlySpan<byte> span = segment.Span;
            int take = Math.Min(span.Length, copy.Length - copied);
            span[..take].CopyTo(copy[copied..]);
            copied += take;
            if (copied == copy.Length)
            {
                break;
            }
        }

        return TryReadHeader(copy[..copied], out header, out error);
    }

    private static FrameDecodeResult Fail(out WebSocketCloseStatus error, string reason)
    {
        error = new WebSocketCloseStatus(WebSocketCloseCodes.ProtocolError, reason);
        return FrameDecodeResult.ProtocolError;
    }
}
