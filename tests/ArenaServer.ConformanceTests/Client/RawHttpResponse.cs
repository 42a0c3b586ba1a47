namespace ArenaServer.ConformanceTests.Client;

/// <summary>An HTTP/1.1 response head as received on the wire, parsed leniently so that tests can assert on it.</summary>
internal sealed class RawHttpResponse
{
    private RawHttpResponse(
        string head, string version, int statusCode, string reason, List<KeyValuePair<string, string>> headers)
    {
        Head = head;
        Version = version;
        StatusCode = statusCode;
        Reason = reason;
        Headers = headers;
    }

    public string Head { get; }

    public string Version { get; }

    /// <summary>The status code; 0 when the server closed the connection without a complete response head.</summary>
    public int StatusCode { get; }

    public string Reason { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public static RawHttpResponse Parse(string head)
    {
        string[] lines = head.Split("\r\n");
        string[] status = lines[0].Split(' ', 3);
        int code = status.Length >= 2 && int.TryParse(status[1], out int parsed) ? parsed : -1;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        return new RawHttpResponse(head, status[0], code, status.Length == 3 ? status[2] : "", headers);
    }

    public static RawHttpResponse ConnectionClosed(string partial, bool reset)
        => new(partial, "", 0, reset ? "connection reset before a response" : "connection closed before a response", []);

    /// <summary>All values of a header, joined with ", " (RFC 9110 §5.3); null when absent.</summary>
    public string? Header(string name)
    {
        string[] values = Headers
            .Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Value)
            .ToArray();
        return values.Length == 0 ? null : string.Join(", ", values);
    }

    /// <summary>True when a comma-separated header contains <paramref name="token"/>, case-insensitively.</summary>
    public bool HasToken(string name, string token)
        => Header(name)?.Split(',').Any(t => string.Equals(t.Trim(), token, StringComparison.OrdinalIgnoreCase)) ?? false;

    public override string ToString() => StatusCode == 0 ? $"<{Reason}> {Head}" : Head.TrimEnd();
}
