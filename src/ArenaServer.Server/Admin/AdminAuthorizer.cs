using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ArenaServer.Server.Admin;

/// <summary>The admin rule of ARCHITECTURE.md §12 for <c>/metrics</c> and <c>/admin*</c>: loopback callers pass; others
/// need <c>Authorization: Bearer &lt;Arena:Http:AdminApiKey&gt;</c>, and get 403 when no key is configured.</summary>
/// <remarks>Immutable, any thread. The key is kept only as its SHA-256 and the presented key is hashed before the
/// constant-time comparison (<see cref="CryptographicOperations.FixedTimeEquals"/>, CONVENTIONS.md §30), so neither
/// the content nor the length of the key leaks through timing. Behind a reverse proxy on the same machine every
/// caller looks like loopback: such a deployment must not expose these paths through the proxy.</remarks>
internal sealed class AdminAuthorizer
{
    private const string BearerScheme = "Bearer";

    private readonly byte[]? _keyHash;

    /// <summary>Creates the rule for <paramref name="adminApiKey"/> (null or empty: loopback only).</summary>
    public AdminAuthorizer(string? adminApiKey)
    {
        _keyHash = string.IsNullOrEmpty(adminApiKey) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(adminApiKey));
    }

    /// <summary>Gets whether a key is configured.</summary>
    public bool HasKey => _keyHash is not null;

    /// <summary>Applies the rule.</summary>
    /// <param name="remote">The caller's address.</param>
    /// <param name="authorization">The <c>Authorization</c> header, or null.</param>
    /// <returns>The verdict.</returns>
    public AdminAccess Check(EndPoint? remote, string? authorization)
    {
        if (IsLoopback(remote))
        {
            return AdminAccess.Allowed;
        }

        if (_keyHash is null)
        {
            return AdminAccess.Forbidden;
        }

        if (!TryGetBearerToken(authorization, out ReadOnlySpan<char> token))
        {
            return AdminAccess.Unauthorized;
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        byte[] bytes = Encoding.UTF8.GetBytes(token.ToString());
        SHA256.HashData(bytes, presented);
        return CryptographicOperations.FixedTimeEquals(presented, _keyHash) ? AdminAccess.Allowed : AdminAccess.Unauthorized;
    }

    /// <summary>Gets whether the caller is on this machine (IPv4 127/8, IPv6 ::1, or IPv4-mapped loopback).</summary>
    public static bool IsLoopback(EndPoint? remote)
    {
        if (remote is not IPEndPoint { Address: var address })
        {
            return false;
        }

        return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    // RFC 6750 §2.1: "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110 §11.1).
    private static bool TryGetBearerToken(string? authorization, out ReadOnlySpan<char> token)
    {
        token = default;
        if (authorization is null || authorization.Length <= BearerScheme.Length ||
            !authorization.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase) || authorization[BearerScheme.Length] != ' ')
        {
            return false;
        }

        token = authorization.AsSpan(BearerScheme.Length).Trim(' ');
        return !token.IsEmpty;
    }
}
