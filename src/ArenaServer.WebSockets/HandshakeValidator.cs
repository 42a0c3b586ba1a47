using System.Net;

namespace ArenaServer.WebSockets;

/// <summary>The server-side opening-handshake checks of RFC 6455 §4.2.1 and subprotocol selection (§4.2.2).</summary>
public static class HandshakeValidator
{
    private const int KeyBytes = 16;
    private const int KeyChars = 24;

    /// <summary>Tells a WebSocket upgrade from a plain HTTP request: the Upgrade header lists the <c>websocket</c> token.</summary>
    /// <param name="head">The parsed request head.</param>
    /// <returns><see langword="true"/> when the client asks to upgrade to WebSocket.</returns>
    public static bool IsUpgradeRequest(HttpRequestHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return HasToken(head, "Upgrade", "websocket");
    }

    /// <summary>Validates an opening handshake (RFC 6455 §4.2.1).</summary>
    /// <param name="head">The parsed request head.</param>
    /// <param name="request">The handshake parts on <see cref="HandshakeFailure.None"/>; default otherwise.</param>
    /// <returns>The first failed check, or <see cref="HandshakeFailure.None"/>.</returns>
    public static HandshakeFailure Validate(HttpRequestHead head, out HandshakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(head);
        request = default;
        HandshakeFailure failure = Check(head, out string key);
        if (failure != HandshakeFailure.None)
        {
            return failure;
        }

        string? origin = head.TryGetHeader("Origin", out string originValue) ? originValue : null;
        request = new HandshakeRequest(key, SplitList(head, "Sec-WebSocket-Protocol"), origin, SplitList(head, "Sec-WebSocket-Extensions"));
        return HandshakeFailure.None;
    }

    /// <summary>Maps a failure to its HTTP status code.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>405 for <see cref="HandshakeFailure.NotGet"/>, 426 for <see cref="HandshakeFailure.UnsupportedVersion"/>,
    /// 101 for <see cref="HandshakeFailure.None"/>, otherwise 400.</returns>
    public static int StatusCodeFor(HandshakeFailure failure) => failure switch
    {
        HandshakeFailure.None => 101,
        HandshakeFailure.NotGet => 405,
        HandshakeFailure.UnsupportedVersion => 426,
        _ => 400,
    };

    /// <summary>Selects the first server-supported subprotocol the client offered (server preference, ordinal comparison).</summary>
    /// <param name="offered">The client's offer, from <see cref="HandshakeRequest.Subprotocols"/>.</param>
    /// <param name="supported">The server's subprotocols, most preferred first.</param>
    /// <returns>The selected subprotocol, or <see langword="null"/> when there is no common one.</returns>
    public static string? SelectSubprotocol(IReadOnlyList<string> offered, IReadOnlyList<string> supported)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(supported);
        foreach (string candidate in supported)
        {
            foreach (string offer in offered)
            {
                if (string.Equals(candidate, offer, StringComparison.Ordinal))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static HandshakeFailure Check(HttpRequestHead head, out string key)
    {
        key = string.Empty;

        // RFC 6455 §4.2.1 items 1–6, in order.
        if (!string.Equals(head.Method, "GET", StringComparison.Ordinal))
        {
            return HandshakeFailure.NotGet;
        }

        if (head.Version != HttpVersion.Version11)
        {
            return HandshakeFailure.NotHttp11;
        }

        if (!head.TryGetHeader("Host", out string host) || host.Length == 0)
        {
            return HandshakeFailure.MissingHost;
        }

        if (!HasToken(head, "Upgrade", "websocket"))
        {
            return HandshakeFailure.MissingUpgrade;
        }

        if (!HasToken(head, "Connection", "Upgrade"))
        {
            return HandshakeFailure.MissingConnectionUpgrade;
        }

        // §11.3.1: Sec-WebSocket-Key MUST NOT appear more than once.
        if (head.CountHeader("Sec-WebSocket-Key") != 1 || !head.TryGetHeader("Sec-WebSocket-Key", out key) || !IsValidKey(key))
        {
            key = string.Empty;
            return HandshakeFailure.BadKey;
        }

        // §4.2.2 / §4.4: a missing version makes the request malformed (400); a version we do not speak, or several, is
        // answered 426 with the version we do.
        int versions = head.CountHeader("Sec-WebSocket-Version");
        if (versions == 0)
        {
            key = string.Empty;
            return HandshakeFailure.MissingVersion;
        }

        if (versions != 1 || !head.TryGetHeader("Sec-WebSocket-Version", out string version) || !string.Equals(version, "13", StringComparison.Ordinal))
        {
            key = string.Empty;
            return HandshakeFailure.UnsupportedVersion;
        }

        return HandshakeFailure.None;
    }

    // §4.1: the key is a randomly selected 16-byte value, base64-encoded: exactly 24 characters ending in "==".
    private static bool IsValidKey(string key)
    {
        if (key.Length != KeyChars)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[KeyBytes + 2];
        return Convert.TryFromBase64String(key, decoded, out int written) && written == KeyBytes;
    }

    private static bool HasToken(HttpRequestHead head, string headerName, string token)
    {
        foreach (KeyValuePair<string, string> header in head.Headers)
        {
            if (!string.Equals(header.Key, headerName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Token lists are compared element-wise (RFC 9110 §5.6.1), so "keep-alive, Upgrade" matches and "Upgraded" does not.
            ReadOnlySpan<char> value = header.Value;
            foreach (Range range in value.Split(','))
            {
                if (value[range].Trim(" \t").Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IReadOnlyList<string> SplitList(HttpRequestHead head, string headerName)
    {
        List<string>? items = null;
        foreach (KeyValuePair<string, string> header in head.Headers)
        {
            if (!string.Equals(header.Key, headerName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            ReadOnlySpan<char> value = header.Value;
            foreach (Range range in value.Split(','))
            {
                ReadOnlySpan<char> item = value[range].Trim(" \t");
                if (!item.IsEmpty)
                {
                    (items ??= []).Add(item.ToString());
                }
            }
        }

        return items is null ? Array.Empty<string>() : items;
    }
}
