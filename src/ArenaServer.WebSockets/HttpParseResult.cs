namespace ArenaServer.WebSockets;

/// <summary>Outcome of <see cref="HttpRequestHeadParser.TryParse"/>.</summary>
public enum HttpParseResult
{
    /// <summary>A complete, well-formed request head was parsed.</summary>
    Success,

    /// <summary>The head is incomplete; nothing was consumed. Read more bytes and call again.</summary>
    NeedMoreData,

    /// <summary>The head exceeds the size cap; answer 431 (RFC 6585 §5) and close.</summary>
    TooLarge,

    /// <summary>The head is malformed; answer 400 and close.</summary>
    Invalid,
}
