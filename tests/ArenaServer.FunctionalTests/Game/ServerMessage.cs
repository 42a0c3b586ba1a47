using System.Net.WebSockets;
using ArenaServer.Protocol;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>One decoded server → client message; <see cref="Bytes"/> backs the envelope's sequences.</summary>
internal sealed record ServerMessage(WebSocketMessageType Type, byte[] Bytes, Envelope Envelope)
{
    public EnvelopeKind Kind => Envelope.Kind;
}
