using System.Buffers;
using System.Collections.Concurrent;
using ArenaServer.Transport;

namespace ArenaServer.Transport.Tests.Infrastructure;

/// <summary>Echoes every message back (when <see cref="Echo"/>) and records every event as a phase barrier.</summary>
internal sealed class RecordingWebSocketHandler : IWebSocketHandler
{
    public TaskCompletionSource<WebSocketConnection> Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<WebSocketCloseInfo> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<TimeSpan> RoundTrip { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(WebSocketMessageType Type, byte[] Payload)> Messages { get; } = new();

    /// <summary>The name of the thread each message was handled on, in order.</summary>
    public ConcurrentQueue<string?> MessageThreads { get; } = new();

    public bool Echo { get; init; } = true;

    public int ClosedCount;

    public ConcurrentQueue<WebSocketConnection> Connections { get; } = new();

    private readonly TaskCompletionSource _allOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _expected = int.MaxValue;

    /// <summary>Completes when <paramref name="count"/> connections have opened; call before connecting.</summary>
    public Task ExpectConnections(int count)
    {
        Volatile.Write(ref _expected, count);
        if (Connections.Count >= count)
        {
            _allOpened.TrySetResult();
        }

        return _allOpened.Task;
    }

    public void OnOpened(WebSocketConnection connection)
    {
        Connections.Enqueue(connection);
        Opened.TrySetResult(connection);
        if (Connections.Count >= Volatile.Read(ref _expected))
        {
            _allOpened.TrySetResult();
        }
    }

    public void OnMessage(WebSocketConnection connection, WebSocketMessageType type, ReadOnlySequence<byte> payload)
    {
        byte[] bytes = payload.ToArray();
        MessageThreads.Enqueue(Thread.CurrentThread.Name);
        Messages.Enqueue((type, bytes));
        if (Echo)
        {
            connection.TrySend(type, bytes);
        }
    }

    public void OnRoundTripSample(WebSocketConnection connection, TimeSpan rtt) => RoundTrip.TrySetResult(rtt);

    public void OnClosed(WebSocketConnection connection, WebSocketCloseInfo info)
    {
        Interlocked.Increment(ref ClosedCount);
        Closed.TrySetResult(info);
    }
}
