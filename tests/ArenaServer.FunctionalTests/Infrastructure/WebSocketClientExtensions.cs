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
}
