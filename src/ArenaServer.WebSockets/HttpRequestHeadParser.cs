using System.Buffers;
using System.Net;
using System.Text;

namespace ArenaServer.WebSockets;

/// <summary>
/// Strict HTTP/1.1 request-head parser (RFC 9112 §2–§5): CRLF line endings only (a bare LF fails at once, not at the
/// handshake timeout), no obs-fold, no whitespace before the colon, no control characters in values, one Host, no
/// Content-Length together with Transfer-Encoding, HTTP major version 1 (a higher minor version reads as 1.1).
/// </summary>
public static class HttpRequestHeadParser
{
    private const byte Space = (byte)' ';
    private const byte Tab = (byte)'\t';

    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    private static readonly string[] s_knownHeaderNames =
    [
        "Host", "Upgrade", "Connection", "Origin", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language",
        "Cache-Control", "Pragma", "Cookie", "Authorization", "Content-Length", "Content-Type", "Transfer-Encoding",
        "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions",
        "If-None-Match", "If-Modified-Since", "Referer", "X-Forwarded-For",
    ];

    /// <summary>Parses one request head ending in CRLFCRLF.</summary>
    /// <param name="buffer">The buffered bytes; the head starts at its beginning.</param>
    /// <param name="maxHeadSize">The cap in bytes including the final CRLFCRLF.</param>
    /// <param name="head">The parsed head on <see cref="HttpParseResult.Success"/>.</param>
    /// <param name="consumed">The position after the head on success; <c>buffer.Start</c> otherwise.</param>
    /// <returns>
    /// <see cref="HttpParseResult.NeedMoreData"/> (nothing consumed) while the head is incomplete and within the cap,
    /// <see cref="HttpParseResult.TooLarge"/> as soon as more than <paramref name="maxHeadSize"/> bytes are buffered without
    /// a complete head, <see cref="HttpParseResult.Invalid"/> for a malformed head (as soon as a bare LF is buffered),
    /// <see cref="HttpParseResult.VersionNotSupported"/> for an HTTP major version other than 1.
    /// </returns>
    public static HttpParseResult TryParse(ReadOnlySequence<byte> buffer, int maxHeadSize, out HttpRequestHead? head, out SequencePosition consumed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeadSize);
        head = null;
        consumed = buffer.Start;
        if (buffer.IsEmpty)
        {
            return HttpParseResult.NeedMoreData;
        }

        // Fail fast on bytes that cannot start a request line (e.g. a TLS ClientHello on a plain port).
        ReadOnlySequence<byte> window = buffer.Length > maxHeadSize ? buffer.Slice(0, maxHeadSize) : buffer;
        var reader = new SequenceReader<byte>(window);
        if (reader.TryPeek(out byte first) && !IsTokenChar(first))
        {
            return HttpParseResult.Invalid;
        }

        if (!reader.TryReadTo(out ReadOnlySequence<byte> _, EndOfHead, advancePastDelimiter: true))
        {
            // A head with bare LF line endings (RFC 9112 §2.2 lets us refuse them) never shows CRLFCRLF: without this
            // check its sender would wait for the handshake timeout instead of getting a 400.
            return HasBareLineFeed(window) ? HttpParseResult.Invalid
                : buffer.Length > maxHeadSize ? HttpParseResult.TooLarge : HttpParseResult.NeedMoreData;
        }

        int length = (int)reader.Consumed;
        HttpParseResult result;
        if (window.FirstSpan.Length >= length)
        {
            result = ParseHead(window.FirstSpan[..length], out head);
        }
        else
        {
            byte[] rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                window.Slice(0, length).CopyTo(rented);
                result = ParseHead(rented.AsSpan(0, length), out head);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        if (result == HttpParseResult.Success)
        {
            consumed = reader.Position;
        }

        return result;
    }

    private static HttpParseResult ParseHead(ReadOnlySpan<byte> bytes, out HttpRequestHead? head)
    {
        head = null;
        int lineEnd = bytes.IndexOf("\r\n"u8);
        if (!TryParseRequestLine(bytes[..lineEnd], out string? method, out string? target, out Version? version))
        {
            return HttpParseResult.Invalid;
        }

        if (version.Major != 1)
        {
            return HttpParseResult.VersionNotSupported;
        }

        var headers = new List<KeyValuePair<string, string>>();
        ReadOnlySpan<byte> rest = bytes[(lineEnd + 2)..];
        while (true)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            ReadOnlySpan<byte> line = rest[..lineEnd];
            rest = rest[(lineEnd + 2)..];
            if (line.IsEmpty)
            {
                break;
            }

            if (!TryParseHeaderLine(line, out KeyValuePair<string, string> header))
            {
                return HttpParseResult.Invalid;
            }

            headers.Add(header);
        }

        if (!TryReadFraming(headers, out long? contentLength, out bool isChunked))
        {
            return HttpParseResult.Invalid;
        }

        var parsed = new HttpRequestHead(method, target, version, headers, contentLength, isChunked);

        // RFC 9112 §3.2: a server MUST respond 400 to a request with more than one Host header.
        if (parsed.CountHeader("Host") > 1)
        {
            return HttpParseResult.Invalid;
        }

        head = parsed;
        return HttpParseResult.Success;
    }

    private static bool TryParseRequestLine(ReadOnlySpan<byte> line, out string method, out string target, out Version version)
    {
        method = string.Empty;
        target = string.Empty;
        version = HttpVersion.Version11;

        // RFC 9112 §3: request-line = method SP request-target SP HTTP-version
        int firstSpace = line.IndexOf(Space);
        if (firstSpace <= 0 || !IsToken(line[..firstSpace]))
        {
            return false;
        }

        ReadOnlySpan<byte> rest = line[(firstSpace + 1)..];
        int secondSpace = rest.IndexOf(Space);
        if (secondSpace <= 0)
        {
            return false;
        }

        ReadOnlySpan<byte> targetBytes = rest[..secondSpace];
        ReadOnlySpan<byte> versionBytes = rest[(secondSpace + 1)..];

        // The target is visible ASCII only (RFC 3986 characters); anything else, including SP, is malformed.
        if (targetBytes.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E) || !TryParseVersion(versionBytes, out version))
        {
            return false;
        }

        ReadOnlySpan<byte> methodBytes = line[..firstSpace];
        method = methodBytes.SequenceEqual("GET"u8) ? "GET" : methodBytes.SequenceEqual("HEAD"u8) ? "HEAD" : Encoding.ASCII.GetString(methodBytes);
        target = targetBytes.Length == 1 && targetBytes[0] == (byte)'/' ? "/" : Encoding.ASCII.GetString(targetBytes);
        return true;
    }

    private static bool TryParseVersion(ReadOnlySpan<byte> bytes, out Version version)
    {
        version = HttpVersion.Version11;
        if (bytes.Length != 8 || !bytes.StartsWith("HTTP/"u8) || bytes[6] != (byte)'.' || !char.IsAsciiDigit((char)bytes[5]) ||
            !char.IsAsciiDigit((char)bytes[7]))
        {
            return false;
        }

        int major = bytes[5] - '0';
        int minor = bytes[7] - '0';
        // RFC 9110 §2.5: a higher minor version is treated as the highest one we conform to.
        version = (major, minor) switch
        {
            (1, 0) => HttpVersion.Version10,
            (1, _) => HttpVersion.Version11,
            _ => new Version(major, minor),
        };
        return true;
    }

    /// <summary>Whether <paramref name="window"/> holds an LF that no CR precedes.</summary>
    private static bool HasBareLineFeed(ReadOnlySequence<byte> window)
    {
        byte previous = 0;
        foreach (ReadOnlyMemory<byte> segment in window)
        {
            ReadOnlySpan<byte> span = segment.Span;
            int start = 0;
            int found;
            while ((found = span[start..].IndexOf((byte)'\n')) >= 0)
            {
                int at = start + found;
                if ((at == 0 ? previous : span[at - 1]) != (byte)'\r')
                {
                    return true;
                }

                start = at + 1;
            }

            if (!span.IsEmpty)
            {
                previous = span[^1];
            }
        }

        return false;
    }

    private static bool TryParseHeaderLine(ReadOnlySpan<byte> line, out KeyValuePair<string, string> header)
    {
        header = default;

        // RFC 9112 §5.1–5.2: no whitespace between name and colon, and obs-fold (a leading SP/HTAB) is rejected.
        int colon = line.IndexOf((byte)':');
        if (colon <= 0 || !IsToken(line[..colon]))
        {
            return false;
        }

        ReadOnlySpan<byte> value = line[(colon + 1)..].Trim(" \t"u8);

        // field-value = *( field-vchar / SP / HTAB ), field-vchar = VCHAR / obs-text: CR, LF, NUL, other CTLs and DEL
        // are rejected so that no value can smuggle a line break into anything we echo (CWE-113).
        foreach (byte b in value)
        {
            if ((b < 0x20 && b != Tab) || b == 0x7F)
            {
                return false;
            }
        }

        header = new KeyValuePair<string, string>(GetHeaderName(line[..colon]), value.IsEmpty ? string.Empty : Encoding.Latin1.GetString(value));
        return true;
    }

    private static string GetHeaderName(ReadOnlySpan<byte> name)
    {
        foreach (string known in s_knownHeaderNames)
        {
            if (known.Length == name.Length && Ascii.EqualsIgnoreCase(name, known))
            {
                return known;
            }
        }

        return Encoding.ASCII.GetString(name);
    }

    private static bool TryReadFraming(List<KeyValuePair<string, string>> headers, out long? contentLength, out bool isChunked)
    {
        contentLength = null;
        isChunked = false;
        bool hasTransferEncoding = false;
        string lastCoding = string.Empty;
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 9110 §8.6: a list of identical values is tolerated; differing values are an error.
                foreach (Range range in header.Value.AsSpan().Split(','))
                {
                    ReadOnlySpan<char> item = header.Value.AsSpan()[range].Trim(" \t");
                    if (item.IsEmpty || item.ContainsAnyExceptInRange('0', '9') || !long.TryParse(item, out long parsed) ||
                        (contentLength is long previous && previous != parsed))
                    {
                        return false;
                    }

                    contentLength = parsed;
                }
            }
            else if (string.Equals(header.Key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                hasTransferEncoding = true;
                ReadOnlySpan<char> value = header.Value.AsSpan();
                int comma = value.LastIndexOf(',');
                ReadOnlySpan<char> last = value[(comma + 1)..].Trim(" \t");
                if (!last.IsEmpty)
                {
                    lastCoding = last.ToString();
                }
            }
        }

        if (!hasTransferEncoding)
        {
            return true;
        }

        // RFC 9112 §6.1/§6.3: Transfer-Encoding with Content-Length is a smuggling vector, and a request whose final
        // coding is not chunked has no determinable length; both are 400.
        isChunked = string.Equals(lastCoding, "chunked", StringComparison.OrdinalIgnoreCase);
        return contentLength is null && isChunked;
    }

    private static bool IsToken(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (!IsTokenChar(b))
            {
                return false;
            }
        }

        return true;
    }

    // RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    private static bool IsTokenChar(byte b)
        => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or
            (byte)'*' or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~';
}
