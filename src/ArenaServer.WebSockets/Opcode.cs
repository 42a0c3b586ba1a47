namespace ArenaServer.WebSockets;

/// <summary>Frame opcodes defined by RFC 6455 §5.2; every other value is reserved and a protocol error.</summary>
#pragma warning disable CA1028 // The wire format is one nibble; byte is the honest underlying type.
public enum Opcode : byte
#pragma warning restore CA1028
{
    /// <summary>Continues a fragmented message (§5.4).</summary>
    Continuation = 0x0,

    /// <summary>A UTF-8 text message (§5.6).</summary>
    Text = 0x1,

    /// <summary>A binary message (§5.6).</summary>
    Binary = 0x2,

    /// <summary>Close control frame (§5.5.1).</summary>
    Close = 0x8,

    /// <summary>Ping control frame (§5.5.2).</summary>
    Ping = 0x9,

    /// <summary>Pong control frame (§5.5.3).</summary>
    Pong = 0xA,
}
