namespace ArenaServer.Transport;

/// <summary>The kind of a whole WebSocket data message (RFC 6455 §5.6).</summary>
public enum WebSocketMessageType
{
    /// <summary>Opcode 0x1: UTF-8 text, validated by the transport before delivery.</summary>
    Text,

    /// <summary>Opcode 0x2: arbitrary bytes.</summary>
    Binary,
}
