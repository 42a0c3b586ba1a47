using System.Buffers;
using System.Globalization;
using System.Text;

namespace ArenaServer.WebSockets;

/// <summary>Writes HTTP/1.1 responses: the 101 upgrade (RFC 6455 §4.2.2) and every error with a short plain-text body.</summary>
/// <remarks>Header names and values are server-chosen; any CR, LF or NUL in them is a bug and throws (CWE-113).</remarks>
public static class HttpResponseWriter
{
    /// <summary>The content type of <see cref="WriteError"/> bodies.</summary>
    public const string PlainTextContentType = "text/plain; charset=utf-8";

    /// <summary>Writes <c>101 Switching Protocols</c> with the accept value and, if chosen, the subprotocol.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="acceptKey">The value from <see cref="WebSocketAccept.Compute(string)"/>.</param>
    /// <param name="subprotocol">The selected subprotocol, or <see langword="null"/> to omit the header (§4.2.2 item 5.5).</param>
    public static void WriteSwitchingProtocols(IBufferWriter<byte> output, string acceptKey, string? subprotocol)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(acceptKey);
        WriteAscii(output, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
        WriteHeader(output, "Sec-WebSocket-Accept", acceptKey);
        if (subprotocol is not null)
        {
            WriteHeader(output, "Sec-WebSocket-Protocol", subprotocol);
        }

        WriteAscii(output, "\r\n");
    }

    /// <summary>Writes a complete non-upgrade response that closes the connection.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="statusCode">The status code (100–999).</param>
    /// <param name="contentType">The Content-Type value.</param>
    /// <param name="body">The body; its length is the Content-Length.</param>
    /// <param name="extraHeaders">Further headers, written after the standard ones.</param>
    /// <param name="headOnly">Omit the body but keep its Content-Length (a HEAD response, RFC 9110 §9.3.2).</param>
    public static void WriteResponse(IBufferWriter<byte> output, int statusCode, string contentType, ReadOnlySpan<byte> body,
        IEnumerable<KeyValuePair<string, string>>? extraHeaders = null, bool headOnly = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 999);
        WriteAscii(output, "HTTP/1.1 ");
        WriteAscii(output, statusCode.ToString(CultureInfo.InvariantCulture));
        WriteAscii(output, " ");
        WriteAscii(output, ReasonPhrase(statusCode));
        WriteAscii(output, "\r\n");
        WriteHeader(output, "Content-Type", contentType);
        WriteHeader(output, "Content-Length", body.Length.ToString(CultureInfo.InvariantCulture));
        WriteAscii(output, "Connection: close\r\n");
        if (extraHeaders is not null)
        {
            foreach (KeyValuePair<string, string> header in extraHeaders)
            {
                WriteHeader(output, header.Key, header.Value);
            }
        }

        WriteAscii(output, "\r\n");
        if (!headOnly)
        {
            output.Write(body);
        }
    }

    /// <summary>Writes an error response with a short <c>text/plain</c> body.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="statusCode">The status code, e.g. 400, 403, 404, 405, 426, 431 or 503.</param>
    /// <param name="message">A short, server-chosen explanation (never echo request data).</param>
    /// <param name="extraHeaders">Further headers. 426 adds <c>Sec-WebSocket-Version: 13</c> (RFC 6455 §4.2.2) and 405 adds
    /// <c>Allow: GET, HEAD</c> (RFC 9110 §15.5.6) unless already supplied.</param>
    public static void WriteError(IBufferWriter<byte> output, int statusCode, string message,
        IEnumerable<KeyValuePair<string, string>>? extraHeaders = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = new List<KeyValuePair<string, string>>();
        if (extraHeaders is not null)
        {
            headers.AddRange(extraHeaders);
        }

        if (statusCode == 426 && !Contains(headers, "Sec-WebSocket-Version"))
        {
            headers.Add(new("Sec-WebSocket-Version", "13"));
        }
        else if (statusCode == 405 && !Contains(headers, "Allow"))
        {
            headers.Add(new("Allow", "GET, HEAD"));
        }

        byte[] body = Encoding.UTF8.GetBytes(message + "\n");
        WriteResponse(output, statusCode, PlainTextContentType, body, headers);
    }

    /// <summary>Returns the standard reason phrase for a status code (RFC 9110 §15), or the empty string when unknown.</summary>
    /// <param name="statusCode">The status code.</param>
    /// <returns>The reason phrase.</returns>
    public static string ReasonPhrase(int statusCode) => statusCode switch
    {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        426 => "Upgrade Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => string.Empty,
    };

    private static bool Contains(List<KeyValuePair<string, string>> headers, string name)
    {
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteHeader(IBufferWriter<byte> output, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Length == 0 || name.AsSpan().IndexOfAny(":\r\n\0 \t") >= 0)
        {
            throw new ArgumentException($"Invalid header name '{name}'.", nameof(name));
        }

        if (value.AsSpan().IndexOfAny("\r\n\0") >= 0)
        {
            throw new ArgumentException($"Header '{name}' has a CR, LF or NUL in its value.", nameof(value));
        }

        WriteAscii(output, name);
        WriteAscii(output, ": ");
        WriteLatin1(output, value);
        WriteAscii(output, "\r\n");
    }

    private static void WriteAscii(IBufferWriter<byte> output, string text) => WriteLatin1(output, text);

    private static void WriteLatin1(IBufferWriter<byte> output, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        // Header text is Latin-1 by definition (RFC 9110 §5.5 obs-text); one byte per char.
        Span<byte> span = output.GetSpan(text.Length);
        int written = Encoding.Latin1.GetBytes(text, span);
        output.Advance(written);
    }
}
