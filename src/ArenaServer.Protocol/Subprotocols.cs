namespace ArenaServer.Protocol;

/// <summary>The <c>Sec-WebSocket-Protocol</c> names of wire protocol v1 (proto/PROTOCOL.md §2).</summary>
public static class Subprotocols
{
    /// <summary>Binary frames, one MessagePack value each.</summary>
    public const string MessagePack = "arena.v1.msgpack";

    /// <summary>Text frames, one JSON value each, in the mapping of proto/PROTOCOL.md §3.</summary>
    public const string Json = "arena.v1.json";

    /// <summary>The prefix of the entry that carries the auth token; the server never echoes it.</summary>
    public const string AuthPrefix = "arena.auth.";
}
