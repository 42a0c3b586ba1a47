using System.Security.Cryptography;
using System.Text;

namespace ArenaServer.Server.Rooms;

/// <summary>Resume tokens: 128 random bits, single-use, stored only as a SHA-256 hash (ARCHITECTURE.md §7.6).</summary>
/// <remarks>Stateless and thread-safe. Hashing means a dump of the room (or of the cluster's resume registry) does not
/// yield usable tokens; lookups go by hash, so no token comparison leaks timing about the secret itself.</remarks>
internal static class ResumeTokens
{
    private const int TokenBytes = 16;

    /// <summary>Creates a token (base64url, 22 characters) and its hash.</summary>
    /// <param name="hash">The hex SHA-256 of the token's UTF-8 bytes.</param>
    /// <returns>The token, to send to the client once.</returns>
    public static string Create(out string hash)
    {
        Span<byte> random = stackalloc byte[TokenBytes];
        RandomNumberGenerator.Fill(random);
        string token = Convert.ToBase64String(random).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        hash = Hash(token);
        return token;
    }

    /// <summary>Hashes a token a client presented.</summary>
    /// <param name="token">The token text.</param>
    /// <returns>The hex SHA-256.</returns>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), digest);
        return Convert.ToHexString(digest);
    }
}
