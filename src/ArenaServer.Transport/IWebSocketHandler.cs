using System.Buffers;

namespace ArenaServer.Transport;

/// <summary>Receives the events of one accepted WebSocket connection.</summary>
/// <remarks><see cref="OnOpened"/>, <see cref="OnMessage"/> and <see cref="OnRoundTripSample"/> run on the
/// connection's read loop, one at a time; <see cref="OnClosed"/> runs once, after both loops ended. None may block:
/// hand work to queues with <c>TryWrite</c>. On the io_uring engine, and on the epoll engine for plain-TCP
/// connections (<see cref="TransportOptions.EpollInline"/>, the default), the read loops of many connections share one
/// I/O thread, so a blocking callback would stall all of them, not only its own. One handler instance may serve
/// many connections concurrently.</remarks>
public interface IWebSocketHandler
{
    /// <summary>Called once after the 101 response was sent, before the first message.</summary>
    /// <param name="connection">The new connection.</param>
    public void OnOpened(WebSocketConnection connection)
    {
    }

    /// <summary>Called once per complete message: reassembled, unmasked and, for text, UTF-8 validated.</summary>
    /// <param name="connection">The connection the message arrived on.</param>
    /// <param name="type">Text or binary.</param>
    /// <param name="payload">The message bytes; valid only during the call.</param>
    public void OnMessage(WebSocketConnection connection, WebSocketMessageType type, ReadOnlySequence<byte> payload);

    /// <summary>Called when a Pong matched the nonce of our last Ping (ARCHITECTURE.md §10).</summary>
    /// <param name="connection">The connection that answered.</param>
    /// <param name="rtt">Time from sending the Ping to reading the Pong, from the listener's <see cref="TimeProvider"/>.</param>
    public void OnRoundTripSample(WebSocketConnection connection, TimeSpan rtt)
    {
    }

    /// <summary>Called exactly once when the connection has ended, however it ended.</summary>
    /// <param name="connection">The closed connection.</param>
    /// <param name="info">Why it ended and with which close code.</param>
    public void OnClosed(WebSocketConnection connection, WebSocketCloseInfo info)
    {
    }
}
