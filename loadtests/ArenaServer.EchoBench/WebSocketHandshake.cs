using System.Security.Cryptography;
using System.Text;

namespace ArenaServer.EchoBench;

/// <summary>The client side of the RFC 6455 §4.1 opening handshake, shared by both benchmark clients.</summary>
internal static class WebSocketHandshake
{
    public static (byte[] Request, string Key) CreateRequest(LoopbackTarget target)
    {
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        string request = $"GET {target.Path} HTTP/1.1\r\nHost: {target.EndPoint}\r\nUpgrade: websocket\r\n" +
            $"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        return (Encoding.ASCII.GetBytes(request), key);
    }

    /// <summary>Checks the status and <c>Sec-WebSocket-Accept</c>, as §4.1 requires of a client.</summary>
    public static void CheckResponse(ReadOnlySpan<byte> responseHead, string key)
    {
        string head = Encoding.ASCII.GetString(responseHead);
        string expectedAccept = Convert.ToBase64String(
            SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal) ||
            !head.Contains($"\r\nSec-WebSocket-Accept: {expectedAccept}", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"Handshake refused: {head.Split("\r\n")[0]}");
        }
    }
}
