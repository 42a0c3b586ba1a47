namespace ArenaServer.Transport;

/// <summary>TLS (<c>wss://</c>) settings, bound from <c>Arena:Tls</c>. With <see cref="CertificatePath"/> set, every
/// connection of the listener is TLS 1.2 or 1.3.</summary>
public sealed class TlsOptions
{
    /// <summary>A PEM certificate (with <see cref="KeyPath"/>, or with the key in the same file) or a PKCS#12 file
    /// (<c>.pfx</c>/<c>.p12</c>, with <see cref="Password"/>). Defaults to none: plain <c>ws://</c>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key file for a PEM certificate; defaults to none (the key is then read from the
    /// certificate file).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PKCS#12 password, or the password of an encrypted PEM key. Defaults to none. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Time the TLS handshake may take after accept.</summary>
    /// <remarks>Defaults to 10 s, like <see cref="TransportOptions.HandshakeTimeout"/>: a client that stalls the TLS
    /// handshake must not hold a connection slot.</remarks>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
