using System.Net.WebSockets;

namespace ArenaServer.KestrelPeer;

/// <summary>
/// <c>/echo</c>: the receive/send loop of the ASP.NET Core WebSockets documentation, frame by frame, with a 4 KiB
/// buffer per connection.
/// </summary>
internal static class EchoEndpoint
{
    private const int BufferSize = 4 * 1024;

    public static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
        byte[] buffer = new byte[BufferSize];
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result = await socket.ReceiveAsync(buffer.AsMemory(), context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage,
                    context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away; a benchmark client aborts its sockets at the end of a run.
        }
    }
}
