using System.Text;

namespace ArenaServer.Server.StaticFiles;

/// <summary>Strict percent-decoding of a request path (RFC 3986 §2.1, §3.3) into a UTF-8 string.</summary>
/// <remarks>Anything a lenient decoder would "repair" is rejected instead: bare or short <c>%</c> escapes, non-hex
/// digits, raw non-ASCII or control bytes, and decoded bytes that are not valid UTF-8 (so overlong encodings such as
/// <c>%c0%ae</c> never become a dot).</remarks>
internal static class RequestPathDecoder
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="rawPath"/>; false when it is malformed.</summary>
    public static bool TryDecode(string rawPath, out string decoded)
    {
        decoded = string.Empty;
        if (rawPath.Length == 0 || rawPath[0] != '/')
        {
            // Only origin-form targets (RFC 9112 §3.2.1) name a file; absolute-form and asterisk-form do not.
            return false;
        }

        if (!rawPath.Contains('%', StringComparison.Ordinal))
        {
            return AllVisibleAscii(rawPath) && Assign(rawPath, out decoded);
        }

        byte[] bytes = new byte[rawPath.Length];
        int length = 0;
        for (int i = 0; i < rawPath.Length; i++)
        {
            char c = rawPath[i];
            if (c == '%')
            {
                if (i + 2 >= rawPath.Length || !TryHex(rawPath[i + 1], out int high) || !TryHex(rawPath[i + 2], out int low))
                {
                    return false;
                }

                bytes[length++] = (byte)((high << 4) | low);
                i += 2;
            }
            else if (IsVisibleAscii(c))
            {
                bytes[length++] = (byte)c;
            }
            else
            {
                return false;
            }
        }

        try
        {
            decoded = s_strictUtf8.GetString(bytes, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool Assign(string value, out string decoded)
    {
        decoded = value;
        return true;
    }

    private static bool AllVisibleAscii(string value)
    {
        foreach (char c in value)
        {
            if (!IsVisibleAscii(c))
            {
                return false;
            }
        }

        return true;
    }

    // RFC 3986 allows only printable ASCII in a path; spaces, controls and raw 8-bit bytes must be escaped.
    private static bool IsVisibleAscii(char c) => c is > ' ' and < (char)0x7F;

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
