using System.Net.WebSockets;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests.Infrastructure;

/// <summary>Whole-message receive for the BCL client, with a deadline on every await.</summary>
internal static class WebSocketClientExtensions
{
    public static async Task<(WebSocketMessageType Type, byte[] Payload)> ReceiveMessageAsync(this WebSocket socket)
    {
        using var message = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, CancellationToken.None).DefaultTimeout();
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    /// <summary>Reads (and discards) data messages up to the server's Close frame, answers it with the same code
    /// (RFC 6455 §5.5.1), and returns that code.</summary>
    public static async Task<WebSocketCloseStatus?> ReceiveCloseAndAnswerAsync(this WebSocket socket, int maxReads = 10_000)
    {
        byte[] buffer = new byte[256 * 1024];
        for (int i = 0; i < maxReads; i++)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, CancellationToken.None).DefaultTimeout();
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(result.CloseStatus!.Value, null, CancellationToken.None).DefaultTimeout();
                return result.CloseStatus;
            }
        }

        throw new InvalidOperationException($"No Close frame within {maxReads} reads.");
    }
}
