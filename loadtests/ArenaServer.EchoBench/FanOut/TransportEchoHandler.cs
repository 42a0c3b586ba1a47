using System.Buffers;
using ArenaServer.Transport;

namespace ArenaServer.EchoBench.FanOut;

/// <summary>
/// <c>/echo</c> on the bare transport: each message goes back to its sender. Measured next to the Host's own
/// <c>/echo</c>, it separates the transport's cost from the server's routing and options.
/// </summary>
/// <remarks>Called on the connection's read loop; <see cref="WebSocketConnection.TryEnqueue"/> never blocks.</remarks>
internal sealed class TransportEchoHandler : IWebSocketHandler
{
    public void OnMessage(WebSocketConnection connection, WebSocketMessageType type, ReadOnlySequence<byte> payload)
    {
        EnqueueResult result;
        if (payload.IsSingleSegment)
        {
            result = connection.TrySend(type, payload.FirstSpan);
        }
        else
        {
            OutboundFrameWriter writer = OutboundFrame.Rent(type, (int)payload.Length);
            foreach (ReadOnlyMemory<byte> segment in payload)
            {
                segment.Span.CopyTo(writer.GetSpan(segment.Length));
                writer.Advance(segment.Length);
            }

            OutboundFrame frame = writer.Complete();
            result = connection.TryEnqueue(frame);
            if (result is not EnqueueResult.Enqueued)
            {
                frame.Release();
            }
        }

        // QueueFull: the transport already closes with 4008 (ARCHITECTURE.md §5); a closed-loop client never gets there.
        _ = result;
    }
}
