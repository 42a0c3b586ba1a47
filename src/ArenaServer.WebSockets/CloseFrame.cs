using System.Buffers.Binary;
using System.Text.Unicode;

namespace ArenaServer.WebSockets;

/// <summary>Parses and validates Close frame payloads (RFC 6455 §5.5.1, §7.4).</summary>
public static class CloseFrame
{
    /// <summary>Tells whether a received close code is acceptable: 1000–1003, 1007–1014 and 3000–4999.</summary>
    /// <param name="code">The code from the wire.</param>
    /// <returns><see langword="false"/> for everything else, including the never-sent 1004–1006 and 1015.</returns>
    public static bool IsValidCloseCode(int code) => code is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);

    /// <summary>Parses an unmasked Close payload.</summary>
    /// <param name="payload">The payload (at most 125 bytes, enforced by <see cref="FrameReader"/>).</param>
    /// <param name="code">The close code; <see cref="WebSocketCloseCodes.NoStatusReceived"/> for an empty payload (reply 1000).</param>
    /// <param name="reasonOffset">Where the UTF-8 reason starts in <paramref name="payload"/> (2, or 0 when empty).</param>
    /// <param name="error">1002 for a 1-byte payload or an invalid code, 1007 for a reason that is not UTF-8.</param>
    /// <returns><see cref="FrameDecodeResult.Success"/> or <see cref="FrameDecodeResult.ProtocolError"/>.</returns>
    public static FrameDecodeResult TryParse(ReadOnlySpan<byte> payload, out ushort code, out int reasonOffset, out WebSocketCloseStatus error)
    {
        error = default;
        code = WebSocketCloseCodes.NoStatusReceived;
        reasonOffset = 0;
        if (payload.IsEmpty)
        {
            return FrameDecodeResult.Success;
        }

        if (payload.Length == 1)
        {
            error = new WebSocketCloseStatus(WebSocketCloseCodes.ProtocolError, "close payload of one byte");
            return FrameDecodeResult.ProtocolError;
        }

        code = BinaryPrimitives.ReadUInt16BigEndian(payload);
        reasonOffset = 2;
        if (!IsValidCloseCode(code))
        {
            error = new WebSocketCloseStatus(WebSocketCloseCodes.ProtocolError, "invalid close code");
            return FrameDecodeResult.ProtocolError;
        }

        if (!Utf8.IsValid(payload[2..]))
        {
            error = new WebSocketCloseStatus(WebSocketCloseCodes.InvalidPayloadData, "close reason is not UTF-8");
            return FrameDecodeResult.ProtocolError;
        }

        return FrameDecodeResult.Success;
    }
}
