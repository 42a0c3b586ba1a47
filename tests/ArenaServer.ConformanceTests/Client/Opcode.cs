namespace ArenaServer.ConformanceTests.Client;

/// <summary>Frame opcodes, RFC 6455 §5.2; 0x3–0x7 and 0xB–0xF are reserved.</summary>
internal static class Opcode
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    // RFC 6455 §5.5: control frames have the most significant opcode bit set.
    public static bool IsControl(byte opcode) => (opcode & 0b_1000) != 0;

    public static string Name(byte opcode) => opcode switch
    {
        Continuation => "Continuation",
        Text => "Text",
        Binary => "Binary",
        Close => "Close",
        Ping => "Ping",
        Pong => "Pong",
        _ => $"Reserved(0x{opcode:X})",
    };
}
