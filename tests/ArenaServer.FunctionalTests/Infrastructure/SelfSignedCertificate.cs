using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ArenaServer.FunctionalTests.Infrastructure;

/// <summary>A throw-away certificate for 127.0.0.1, written as PEM certificate and key files.</summary>
internal sealed class SelfSignedCertificate : IDisposable
{
    private readonly string _directory;

    public SelfSignedCertificate()
    {
        _directory = Directory.CreateTempSubdirectory("arena-tls-").FullName;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        Thumbprint = certificate.Thumbprint;
        CertificatePath = Path.Combine(_directory, "cert.pem");
        KeyPath = Path.Combine(_directory, "key.pem");
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public string Thumbprint { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
