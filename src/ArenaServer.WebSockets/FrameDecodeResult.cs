namespace ArenaServer.WebSockets;

/// <summary>Outcome of a frame-level decode or check.</summary>
public enum FrameDecodeResult
{
    /// <summary>The input is well formed.</summary>
    Success,

    /// <summary>More bytes are needed; nothing was consumed.</summary>
    NeedMoreData,

    /// <summary>The peer violated the protocol; close with the accompanying <see cref="WebSocketCloseStatus"/> (1002, 1007 or 1009).</summary>
    ProtocolError,
}
