using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ArenaServer.WebSockets;

/// <summary>Computes <c>Sec-WebSocket-Accept</c>: base64(SHA-1(key + GUID)) (RFC 6455 §4.2.2 item 5.4).</summary>
public static class WebSocketAccept
{
    /// <summary>The length of the accept value: base64 of a 20-byte SHA-1 digest.</summary>
    public const int AcceptLength = 28;

    private const int MaxStackKeyChars = 256;

    // RFC 6455 §1.3: the GUID every endpoint appends to the key.
    private static ReadOnlySpan<byte> Guid => "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8;

    /// <summary>Computes the accept value for a client key.</summary>
    /// <param name="key">The <c>Sec-WebSocket-Key</c> value.</param>
    /// <returns>The 28-character <c>Sec-WebSocket-Accept</c> value.</returns>
    public static string Compute(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> accept = stackalloc byte[AcceptLength];
        int written = Compute(key.AsSpan(), accept);
        return Encoding.ASCII.GetString(accept[..written]);
    }

    /// <summary>Computes the accept value as ASCII bytes without allocating.</summary>
    /// <param name="key">The <c>Sec-WebSocket-Key</c> value.</param>
    /// <param name="asciiDestination">At least <see cref="AcceptLength"/> bytes.</param>
    /// <returns>The number of bytes written (always <see cref="AcceptLength"/>).</returns>
    public static int Compute(ReadOnlySpan<char> key, Span<byte> asciiDestination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(asciiDestination.Length, AcceptLength, nameof(asciiDestination));
        int inputLength = key.Length + Guid.Length;
        byte[]? rented = null;
        Span<byte> input = key.Length <= MaxStackKeyChars
            ? stackalloc byte[MaxStackKeyChars + 36]
            : (rented = ArrayPool<byte>.Shared.Rent(inputLength));
        try
        {
            // Latin-1 maps each char to one byte; a validated key is ASCII, so this is the RFC's ASCII concatenation.
            int keyBytes = Encoding.Latin1.GetBytes(key, input);
            Guid.CopyTo(input[keyBytes..]);
            Span<byte> digest = stackalloc byte[SHA1.HashSizeInBytes];
            SHA1.HashData(input[..inputLength], digest);
            Base64.EncodeToUtf8(digest, asciiDestination, out _, out int written);
            return written;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
