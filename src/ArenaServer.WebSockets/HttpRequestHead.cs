namespace ArenaServer.WebSockets;

/// <summary>A parsed HTTP/1.1 request head (RFC 9112 §3, §5). Allocated once per connection by <see cref="HttpRequestHeadParser"/>.</summary>
public sealed class HttpRequestHead
{
    internal HttpRequestHead(string method, string target, Version version, List<KeyValuePair<string, string>> headers,
        long? contentLength, bool isChunked)
    {
        Method = method;
        Target = target;
        string local = OriginForm(target);
        int query = local.IndexOf('?', StringComparison.Ordinal);
        Path = query < 0 ? local : local[..query];
        Query = query < 0 ? string.Empty : local[query..];
        Version = version;
        Headers = headers;
        ContentLength = contentLength;
        IsChunked = isChunked;
    }

    /// <summary>Gets the request method, case-sensitive as sent (RFC 9110 §9.1), e.g. <c>GET</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the raw request-target, e.g. <c>/echo?x=1</c>.</summary>
    public string Target { get; }

    /// <summary>Gets the target without its query; percent-decoding is not applied. For an absolute-form target
    /// (<c>http://host/echo</c>) it is the path after the authority (<c>/echo</c>, or <c>/</c> when there is none).</summary>
    public string Path { get; }

    /// <summary>Gets the query including its leading <c>?</c>, or the empty string (also for an absolute-form target).</summary>
    public string Query { get; }

    /// <summary>Gets the protocol version from the request line (1.0 or 1.1).</summary>
    public Version Version { get; }

    /// <summary>Gets the header fields in arrival order; values have surrounding whitespace removed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>Gets the declared body length, or <see langword="null"/> when there is no Content-Length.</summary>
    public long? ContentLength { get; }

    /// <summary>Gets whether the body uses chunked transfer coding (RFC 9112 §7.1).</summary>
    public bool IsChunked { get; }

    /// <summary>Finds the first header with the given name (case-insensitive, RFC 9110 §5.1).</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The first value, or the empty string when absent.</param>
    /// <returns><see langword="true"/> when the header is present.</returns>
    public bool TryGetHeader(string name, out string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (KeyValuePair<string, string> header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = header.Value;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>Returns the values of every header with the given name (case-insensitive), in arrival order.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The values; empty when the header is absent.</returns>
    public IEnumerable<string> GetHeaderValues(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return GetHeaderValuesIterator(name);
    }

    /// <summary>The origin-form part (path and query) of a request-target: an absolute-form one loses its scheme and
    /// authority, anything else is returned as it is (the same string: an ordinary target costs no copy).</summary>
    /// <remarks>RFC 9112 §3.2.2: a server MUST accept the absolute-form, although clients send it only to proxies;
    /// routing on the raw target would answer such a request 404.</remarks>
    private static string OriginForm(string target)
    {
        int schemeEnd = target.IndexOf("://", StringComparison.Ordinal);
        ReadOnlySpan<char> scheme = schemeEnd < 0 ? default : target.AsSpan(0, schemeEnd);
        if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return target;
        }

        ReadOnlySpan<char> afterScheme = target.AsSpan(schemeEnd + 3);
        int pathStart = afterScheme.IndexOfAny('/', '?');
        return pathStart < 0 ? "/"
            : afterScheme[pathStart] == '/' ? afterScheme[pathStart..].ToString()
            : string.Concat("/", afterScheme[pathStart..]);
    }

    internal int CountHeader(string name)
    {
        int count = 0;
        foreach (KeyValuePair<string, string> header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }
        }

        return count;
    }

    private IEnumerable<string> GetHeaderValuesIterator(string name)
    {
        foreach (KeyValuePair<string, string> header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                yield return header.Value;
            }
        }
    }
}
