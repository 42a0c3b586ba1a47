using System.Text;

namespace ArenaServer.ConformanceTests.Client;

/// <summary>A whole data message, a Pong, a Close or the end of the TCP connection.</summary>
internal sealed record ReceivedMessage(MessageKind Kind, byte[] Payload)
{
    /// <summary>The Close status code; 1005 when the Close frame had no payload (RFC 6455 §7.1.5).</summary>
    public int CloseCode { get; init; }

    public string CloseReason { get; init; } = "";

    /// <summary>True when the TCP connection ended with a reset rather than a FIN.</summary>
    public bool Reset { get; init; }

    public override string ToString() => Kind switch
    {
        MessageKind.Close => $"Close({CloseCode}{(CloseReason.Length > 0 ? $", \"{CloseReason}\"" : "")})",
        MessageKind.TcpClosed => Reset ? "TCP reset (no Close frame)" : "TCP FIN (no Close frame)",
        _ => $"{Kind}({Payload.Length} bytes: {Preview(Payload, Kind == MessageKind.Text)})",
    };

    internal static string Preview(byte[] payload, bool text)
    {
        const int Max = 40;
        ReadOnlySpan<byte> head = payload.AsSpan(0, Math.Min(Max, payload.Length));
        string shown = text ? "\"" + Encoding.UTF8.GetString(head) + "\"" : "0x" + Convert.ToHexString(head);
        return payload.Length > Max ? shown + "…" : shown;
    }
}
