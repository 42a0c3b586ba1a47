using System.Buffers;
using ArenaServer.MessagePack;
using ArenaServer.Server.Options;
using ArenaServer.Server.Rooms;
using ArenaServer.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Game;

/// <summary>The <c>/ws</c> game endpoint's connection events: each connection gets a <see cref="GameSession"/> that
/// decodes its messages on the read loop and talks to the rooms through <see cref="RoomManager"/> and
/// <see cref="IPlayerSink"/> (ARCHITECTURE.md §4, §7).</summary>
/// <remarks>One instance serves every connection; per-connection state lives in <see cref="WebSocketConnection.State"/>.</remarks>
internal sealed class GameWebSocketHandler : IWebSocketHandler
{
    public GameWebSocketHandler(RoomManager rooms, TimeProvider time, IOptions<SessionOptions> session,
        IOptions<MessagePackLimitsOptions> limits, ILogger<GameWebSocketHandler> logger)
    {
        Rooms = rooms;
        Time = time;
        JoinTimeout = session.Value.JoinTimeout;
        Limits = new MessagePackReaderOptions
        {
            MaxDepth = limits.Value.MaxDepth,
            MaxCollectionLength = limits.Value.MaxCollectionLength,
        };
        Logger = logger;
    }

    public RoomManager Rooms { get; }

    public TimeProvider Time { get; }

    public TimeSpan JoinTimeout { get; }

    public MessagePackReaderOptions Limits { get; }

    public ILogger Logger { get; }

    public void OnOpened(WebSocketConnection connection)
    {
        var session = new GameSession(this, connection);
        connection.State = session;
        session.Start();
    }

    public void OnMessage(WebSocketConnection connection, WebSocketMessageType type, ReadOnlySequence<byte> payload)
        => ((GameSession)connection.State!).OnMessage(type, payload);

    public void OnRoundTripSample(WebSocketConnection connection, TimeSpan rtt)
        => ((GameSession)connection.State!).OnRoundTripSample(rtt);

    public void OnClosed(WebSocketConnection connection, WebSocketCloseInfo info)
        => (connection.State as GameSession)?.OnClosed(info);
}
