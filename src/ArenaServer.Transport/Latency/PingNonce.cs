using System.Security.Cryptography;

namespace ArenaServer.Transport.Latency;

/// <summary>The unpredictable payload of one server Ping (ARCHITECTURE.md §10, CONVENTIONS.md §26): 8 random bytes, so a
/// client cannot send the matching Pong before it has seen the Ping and thereby under-report its latency.</summary>
/// <remarks>Immutable; create a fresh one per Ping with <see cref="Create"/>. <see cref="Matches"/> compares in constant
/// time (CONVENTIONS.md §30): a Pong's payload is attacker-chosen, and the comparison must not reveal how many leading
/// bytes were right.</remarks>
internal readonly struct PingNonce : IEquatable<PingNonce>
{
    /// <summary>The payload length in bytes; far below the 125-byte limit of control frames (RFC 6455 §5.5).</summary>
    public const int Size = 8;

    private readonly ulong _value;

    private PingNonce(ulong value) => _value = value;

    /// <summary>Creates a nonce from the cryptographic random number generator.</summary>
    /// <returns>A fresh nonce.</returns>
    public static PingNonce Create()
    {
        Span<byte> random = stackalloc byte[Size];
        RandomNumberGenerator.Fill(random);
        return new PingNonce(BitConverter.ToUInt64(random));
    }

    /// <summary>Writes the 8 payload bytes of the Ping.</summary>
    /// <param name="destination">At least <see cref="Size"/> bytes.</param>
    public void WriteTo(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Size);
        BitConverter.TryWriteBytes(destination, _value);
    }

    /// <summary>Whether a Pong payload echoes this nonce exactly (RFC 6455 §5.5.3: a Pong answering a Ping carries
    /// the Ping's application data).</summary>
    /// <param name="pongPayload">The Pong's payload.</param>
    /// <returns><see langword="true"/> when the payload is exactly these 8 bytes.</returns>
    public bool Matches(ReadOnlySpan<byte> pongPayload)
    {
        // The length is public (it is on the wire); only the content comparison must be constant-time.
        if (pongPayload.Length != Size)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[Size];
        WriteTo(expected);
        return CryptographicOperations.FixedTimeEquals(expected, pongPayload);
    }

    /// <inheritdoc />
    public bool Equals(PingNonce other) => _value == other._value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PingNonce other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value.GetHashCode();
}
