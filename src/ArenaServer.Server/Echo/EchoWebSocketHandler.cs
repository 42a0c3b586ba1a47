using System.Buffers;
using ArenaServer.Transport;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Server.Echo;

/// <summary>The <c>/echo</c> endpoint: sends every text and binary message back unchanged, so that any RFC 6455
/// conformance suite (e.g. Autobahn's fuzzingclient) can be pointed at the server.</summary>
/// <remarks>Runs on each connection's read loop and never blocks: each message becomes one pooled
/// <see cref="OutboundFrame"/> that the write loop sends. Stateless, so one instance serves every connection.</remarks>
internal sealed class EchoWebSocketHandler(ILogger<EchoWebSocketHandler> logger) : IWebSocketHandler
{
    public void OnOpened(WebSocketConnection connection) => ServerLog.EchoOpened(logger, connection.Id.Value);

    public void OnMessage(WebSocketConnection connection, WebSocketMessageType type, ReadOnlySequence<byte> payload)
    {
        // The payload is only valid during this call, so it is copied into the frame before returning.
        OutboundFrame frame = CreateFrame(type, payload);
        EnqueueResult result = connection.TryEnqueue(frame);
        if (result is not EnqueueResult.Enqueued)
        {
            // On anything but Enqueued the queue took no reference (CONVENTIONS.md §22); a full queue already
            // closes the connection with 4008 inside the transport.
            frame.Release();
            ServerLog.EchoEnqueueFailed(logger, connection.Id.Value, payload.Length, result.ToString());
        }
    }

    public void OnClosed(WebSocketConnection connection, WebSocketCloseInfo info)
        => ServerLog.EchoClosed(logger, connection.Id.Value, info.Reason.ToString(), info.Code);

    private static OutboundFrame CreateFrame(WebSocketMessageType type, ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            return OutboundFrame.Create(type, payload.FirstSpan);
        }

        OutboundFrameWriter writer = OutboundFrame.Rent(type, checked((int)payload.Length));
        foreach (ReadOnlyMemory<byte> segment in payload)
        {
            writer.Write(segment.Span);
        }

        return writer.Complete();
    }
}
