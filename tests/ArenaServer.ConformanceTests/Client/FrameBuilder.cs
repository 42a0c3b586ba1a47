using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ArenaServer.ConformanceTests.Client;

/// <summary>
/// Hand-encodes client frames, including malformed ones (RSV bits, reserved opcodes, oversized control frames,
/// lying length fields), independently of the server's own codec.
/// </summary>
internal static class FrameBuilder
{
    private const byte FinBit = 0b_1000_0000; // FIN, RFC 6455 §5.2
    private const byte MaskBit = 0b_1000_0000; // MASK, RFC 6455 §5.2

    /// <summary>Builds one frame. <paramref name="declaredLength"/> overrides the length field only.</summary>
    public static byte[] Build(
        byte opcode,
        ReadOnlySpan<byte> payload,
        bool fin = true,
        byte rsv = 0,
        bool masked = true,
        ulong? declaredLength = null)
    {
        ulong length = declaredLength ?? (ulong)payload.Length;
        int lengthBytes = length <= 125 ? 0 : length <= ushort.MaxValue ? 2 : 8;
        int headerLength = 2 + lengthBytes + (masked ? 4 : 0);
        byte[] frame = new byte[headerLength + payload.Length];

        frame[0] = (byte)((fin ? FinBit : 0) | ((rsv & 0b_111) << 4) | (opcode & 0b_1111));
        byte maskFlag = masked ? MaskBit : (byte)0;
        switch (lengthBytes)
        {
            case 0:
                frame[1] = (byte)(maskFlag | (byte)length);
                break;
            case 2:
                frame[1] = (byte)(maskFlag | 126);
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)length);
                break;
            default:
                frame[1] = (byte)(maskFlag | 127);
                BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), length);
                break;
        }

        Span<byte> body = frame.AsSpan(headerLength);
        payload.CopyTo(body);
        if (masked)
        {
            // RFC 6455 §5.3 and §10.3: every client frame is masked with a fresh, unpredictable key.
            Span<byte> key = frame.AsSpan(2 + lengthBytes, 4);
            RandomNumberGenerator.Fill(key);
            for (int i = 0; i < body.Length; i++)
            {
                body[i] ^= key[i & 3];
            }
        }

        return frame;
    }

    public static byte[] Text(string text, bool fin = true) => Build(Opcode.Text, Encoding.UTF8.GetBytes(text), fin);

    public static byte[] Continuation(string text, bool fin) => Build(Opcode.Continuation, Encoding.UTF8.GetBytes(text), fin);

    public static byte[] Ping(string payload) => Build(Opcode.Ping, Encoding.UTF8.GetBytes(payload));

    /// <summary>A Close frame: optional 2-byte status code (RFC 6455 §5.5.1) and raw reason bytes.</summary>
    public static byte[] Close(int? code = null, ReadOnlySpan<byte> reason = default)
    {
        if (code is null)
        {
            return Build(Opcode.Close, reason);
        }

        byte[] payload = new byte[2 + reason.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code.Value);
        reason.CopyTo(payload.AsSpan(2));
        return Build(Opcode.Close, payload);
    }

    public static byte[] Concat(params byte[][] frames)
    {
        byte[] all = new byte[frames.Sum(f => f.Length)];
        int offset = 0;
        foreach (byte[] frame in frames)
        {
            frame.CopyTo(all, offset);
            offset += frame.Length;
        }

        return all;
    }

    /// <summary>Splits a message payload into data frames of <paramref name="fragmentSize"/> bytes.</summary>
    public static byte[] Fragmented(byte opcode, ReadOnlySpan<byte> payload, int fragmentSize)
    {
        if (payload.Length <= fragmentSize)
        {
            return Build(opcode, payload);
        }

        int count = (payload.Length + fragmentSize - 1) / fragmentSize;
        int frameSize = 2 + (fragmentSize <= 125 ? 0 : fragmentSize <= ushort.MaxValue ? 2 : 8) + 4 + fragmentSize;
        using var all = new MemoryStream(count * frameSize);
        for (int i = 0; i < count; i++)
        {
            int start = i * fragmentSize;
            int length = Math.Min(fragmentSize, payload.Length - start);
            byte frameOpcode = i == 0 ? opcode : Opcode.Continuation;
            all.Write(Build(frameOpcode, payload.Slice(start, length), fin: i == count - 1));
        }

        return all.ToArray();
    }
}
