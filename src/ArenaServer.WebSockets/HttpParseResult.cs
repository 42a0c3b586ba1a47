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

    /// <summary>The request line names an HTTP major version other than 1 (e.g. <c>HTTP/2.0</c>, also the HTTP/2
    /// connection preface); answer 505 (RFC 9110 §15.6.6) and close.</summary>
    VersionNotSupported,
}
