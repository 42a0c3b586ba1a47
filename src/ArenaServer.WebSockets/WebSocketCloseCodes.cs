namespace ArenaServer.WebSockets;

/// <summary>Close status codes registered by RFC 6455 §7.4.1 and the IANA WebSocket registry.</summary>
public static class WebSocketCloseCodes
{
    /// <summary>1000: the purpose of the connection is fulfilled.</summary>
    public const ushort NormalClosure = 1000;

    /// <summary>1001: the endpoint is going away (server shutdown, page navigation).</summary>
    public const ushort GoingAway = 1001;

    /// <summary>1002: the peer violated the protocol.</summary>
    public const ushort ProtocolError = 1002;

    /// <summary>1003: the endpoint cannot accept this data type.</summary>
    public const ushort UnsupportedData = 1003;

    /// <summary>1005: reserved; reports that a Close frame had no status. Never sent on the wire.</summary>
    public const ushort NoStatusReceived = 1005;

    /// <summary>1006: reserved; reports an abnormal closure without a Close frame. Never sent on the wire.</summary>
    public const ushort AbnormalClosure = 1006;

    /// <summary>1007: a message's data was inconsistent with its type (invalid UTF-8 in a text message).</summary>
    public const ushort InvalidPayloadData = 1007;

    /// <summary>1008: the message violates policy.</summary>
    public const ushort PolicyViolation = 1008;

    /// <summary>1009: the message is too big to process.</summary>
    public const ushort MessageTooBig = 1009;

    /// <summary>1010: the client expected an extension the server did not negotiate.</summary>
    public const ushort MandatoryExtension = 1010;

    /// <summary>1011: the server hit an unexpected condition.</summary>
    public const ushort InternalServerError = 1011;

    /// <summary>1012: the server is restarting (IANA registry).</summary>
    public const ushort ServiceRestart = 1012;

    /// <summary>1013: try again later (IANA registry).</summary>
    public const ushort TryAgainLater = 1013;

    /// <summary>1015: reserved; reports a TLS handshake failure. Never sent on the wire.</summary>
    public const ushort TlsHandshakeFailure = 1015;
}
