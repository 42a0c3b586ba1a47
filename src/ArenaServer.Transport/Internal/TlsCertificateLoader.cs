using System.Security.Cryptography.X509Certificates;

namespace ArenaServer.Transport.Internal;

/// <summary>Loads the server certificate named by <see cref="TlsOptions"/>: PKCS#12 by extension, otherwise PEM.</summary>
internal static class TlsCertificateLoader
{
    public static X509Certificate2 Load(TlsOptions options)
    {
        string path = options.CertificatePath ?? throw new ArgumentException("Arena:Tls:CertificatePath is not set.", nameof(options));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Arena:Tls:CertificatePath '{path}' does not exist.", path);
        }

        string extension = Path.GetExtension(path);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, options.Password);
        }

        X509Certificate2 certificate = string.IsNullOrEmpty(options.Password)
            ? X509Certificate2.CreateFromPemFile(path, options.KeyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, options.Password, options.KeyPath);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ArgumentException("Arena:Tls: the certificate has no private key (set Arena:Tls:KeyPath).", nameof(options));
        }

        return certificate;
    }
}
