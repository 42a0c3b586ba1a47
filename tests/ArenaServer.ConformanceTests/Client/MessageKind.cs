namespace ArenaServer.ConformanceTests.Client;

/// <summary>What the server sent next, as seen by the test client.</summary>
internal enum MessageKind
{
    Text,
    Binary,
    Pong,
    Close,

    /// <summary>The server ended the TCP connection (FIN, or RST) with no further frame.</summary>
    TcpClosed,
}
