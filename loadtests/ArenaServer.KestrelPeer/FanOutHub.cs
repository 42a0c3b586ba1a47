using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace ArenaServer.KestrelPeer;

/// <summary>
/// <c>/fanout</c>: keeps every connection; any message received is a trigger whose payload is sent to every
/// connection by looping over the sockets and awaiting <see cref="WebSocket.SendAsync(ReadOnlyMemory{byte}, WebSocketMessageType, bool, CancellationToken)"/>
/// per connection, which is what a developer on System.Net.WebSockets writes.
/// </summary>
/// <remarks>
/// A <see cref="WebSocket"/> allows one send at a time, so broadcasts are serialized by one lock; the benchmark
/// client sends the next trigger only after the previous broadcast was delivered everywhere, so it never waits.
/// </remarks>
internal sealed class FanOutHub
{
    private const int BufferSize = 4 * 1024;

    private readonly ConcurrentDictionary<long, WebSocket> _sockets = new();
    private readonly SemaphoreSlim _broadcastLock = new(1, 1);
    private long _nextId;

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
        long id = Interlocked.Increment(ref _nextId);
        _sockets[id] = socket;
        byte[] buffer = new byte[BufferSize];
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result = await socket.ReceiveAsync(buffer.AsMemory(), context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (result.EndOfMessage)
                {
                    await BroadcastAsync(buffer.AsMemory(0, result.Count).ToArray(), context.RequestAborted);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away.
        }
        finally
        {
            _sockets.TryRemove(id, out _);
        }
    }

    private async Task BroadcastAsync(byte[] payload, CancellationToken cancellationToken)
    {
        await _broadcastLock.WaitAsync(cancellationToken);
        try
        {
            // Enumerating the dictionary itself is lock-free and copies nothing (unlike .Values).
            foreach ((long _, WebSocket socket) in _sockets)
            {
                if (socket.State != WebSocketState.Open)
                {
                    continue;
                }

                try
                {
                    await socket.SendAsync(payload, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
                }
                catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
                {
                    // That one client is gone; the others still get the broadcast.
                }
            }
        }
        finally
        {
            _broadcastLock.Release();
        }
    }
}
