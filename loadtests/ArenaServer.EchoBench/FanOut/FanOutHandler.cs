using System.Buffers;
using System.Collections.Concurrent;
using ArenaServer.Transport;

namespace ArenaServer.EchoBench.FanOut;

/// <summary>
/// Keeps every WebSocket connection; any message received is a trigger whose payload is framed ONCE into an
/// <see cref="OutboundFrame"/> and enqueued to every connection (encode-once broadcast, ARCHITECTURE.md §4), the
/// counterpart of the Kestrel peer's per-connection <c>SendAsync</c> loop. <c>/echo</c> goes to
/// <see cref="TransportEchoHandler"/> instead; <c>GET /stats</c> answers <see cref="ManagedHeapStats"/>.
/// </summary>
/// <remarks>
/// Callbacks come from the transport's read loops (any thread); the connection set is a concurrent dictionary whose
/// enumeration is lock-free, and <see cref="WebSocketConnection.TryEnqueue"/> may be called from any thread.
/// </remarks>
internal sealed class FanOutHandler : IHttpRequestHandler, IWebSocketHandler
{
    private static readonly WebSocketAcceptOptions s_accept = new();

    private readonly ConcurrentDictionary<ConnectionId, WebSocketConnection> _connections = new();
    private readonly TransportEchoHandler _echo = new();

    public long Broadcasts { get; private set; }

    public long NotEnqueued { get; private set; }

    // Not async: the upgraded connection runs for the whole benchmark, and an async frame here would stay on the heap
    // with it (the idle-memory figure counts every byte per connection).
    public ValueTask HandleAsync(HttpRequestContext context, CancellationToken cancellationToken)
    {
        if (!context.IsWebSocketRequest)
        {
            return context.Head.Path switch
            {
                "/stats" => context.RespondAsync(200, "application/json", ManagedHeapStats.CollectAndDescribe(), cancellationToken: cancellationToken),
                "/gcinfo" => context.RespondAsync(200, "application/json", ManagedHeapStats.DescribeWithoutCollecting(), cancellationToken: cancellationToken),
                _ => context.RespondErrorAsync(404, "WebSocket only", cancellationToken: cancellationToken),
            };
        }

        IWebSocketHandler handler = context.Head.Path == "/echo" ? _echo : this;
        return context.AcceptWebSocketAsync(s_accept, handler, cancellationToken);
    }

    public void OnOpened(WebSocketConnection connection)
    {
        _connections[connection.Id] = connection;
    }

    public void OnMessage(WebSocketConnection connection, WebSocketMessageType type, ReadOnlySequence<byte> payload)
    {
        OutboundFrame frame = payload.IsSingleSegment
            ? OutboundFrame.Create(type, payload.FirstSpan)
            : OutboundFrame.Create(type, payload.ToArray());
        long notEnqueued = 0;
        foreach ((ConnectionId _, WebSocketConnection recipient) in _connections)
        {
            frame.AddReference();
            if (recipient.TryEnqueue(frame) is not EnqueueResult.Enqueued)
            {
                frame.Release();
                notEnqueued++;
            }
        }

        frame.Release();
        Broadcasts++;
        NotEnqueued += notEnqueued;
    }

    public void OnClosed(WebSocketConnection connection, WebSocketCloseInfo info)
    {
        _connections.TryRemove(connection.Id, out _);
    }
}
