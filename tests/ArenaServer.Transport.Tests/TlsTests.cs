using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ArenaServer.Tests;
using ArenaServer.Transport.Tests.Infrastructure;
using SystemMessageType = System.Net.WebSockets.WebSocketMessageType;

namespace ArenaServer.Transport.Tests;

/// <summary><c>wss://</c> with a certificate generated in the test, loaded from PEM and from PKCS#12.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("arena-tls-").FullName;
    private readonly X509Certificate2 _certificate = CreateSelfSigned();

    [Fact]
    public async Task Pem_CertificateAndKeyFiles_WssEchoWithCallbackValidation()
    {
        string certPath = Path.Combine(_directory, "server.crt");
        string keyPath = Path.Combine(_directory, "server.key");
        await File.WriteAllTextAsync(certPath, _certificate.ExportCertificatePem());
        using (ECDsa key = _certificate.GetECDsaPrivateKey()!)
        {
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        }

        await AssertWssEchoAsync(new TlsOptions { CertificatePath = certPath, KeyPath = keyPath });
    }

    [Fact]
    public async Task Pfx_WithPassword_WssEchoWithCallbackValidation()
    {
        string pfxPath = Path.Combine(_directory, "server.pfx");
        await File.WriteAllBytesAsync(pfxPath, _certificate.Export(X509ContentType.Pfx, "s3cret"));
        await AssertWssEchoAsync(new TlsOptions { CertificatePath = pfxPath, Password = "s3cret" });
    }

    [Fact]
    public async Task Tls_ClientRejectsCertificate_ConnectFailsAndServerSurvives()
    {
        string pfxPath = Path.Combine(_directory, "server.pfx");
        await File.WriteAllBytesAsync(pfxPath, _certificate.Export(X509ContentType.Pfx, "pw"));
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, tls: new TlsOptions { CertificatePath = pfxPath, Password = "pw" });

        using var rejecting = new ClientWebSocket();
        rejecting.Options.RemoteCertificateValidationCallback = (_, _, _, _) => false;
        await Assert.ThrowsAnyAsync<WebSocketException>(
            () => rejecting.ConnectAsync(listener.WebSocketUri(scheme: "wss"), CancellationToken.None).DefaultTimeout());

        using var accepting = new ClientWebSocket();
        accepting.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        await accepting.ConnectAsync(listener.WebSocketUri(scheme: "wss"), CancellationToken.None).DefaultTimeout();
        Assert.Equal(WebSocketState.Open, accepting.State);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "400")]
    public async Task Tls_ClientNeverSendsHello_DroppedAtHandshakeTimeout()
    {
        string pfxPath = Path.Combine(_directory, "server.pfx");
        await File.WriteAllBytesAsync(pfxPath, _certificate.Export(X509ContentType.Pfx, "pw"));
        var clock = new ManualClock();
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, time: clock,
            tls: new TlsOptions { CertificatePath = pfxPath, Password = "pw", HandshakeTimeout = TimeSpan.FromSeconds(5) });
        Task<ConnectionId> accepted = listener.NextConnectionAsync();
        using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(listener.LocalEndPoint);
        await accepted.DefaultTimeout();

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.True(await client.WaitForServerCloseAsync().DefaultTimeout());
        Assert.False(handler.Requests.Task.IsCompleted);
    }

    [Fact]
    public void Constructor_MissingCertificateFile_FailsAtStartup()
    {
        var handler = new TestRequestHandler();
        Assert.Throws<FileNotFoundException>(() => new ArenaListener(new IPEndPoint(IPAddress.Loopback, 0), new TransportOptions(), handler,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System,
            new TlsOptions { CertificatePath = Path.Combine(_directory, "missing.pem") }));
    }

    public void Dispose()
    {
        _certificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task AssertWssEchoAsync(TlsOptions tls)
    {
        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler, tls: tls);
        Assert.True(listener.IsTls);
        string expectedThumbprint = _certificate.Thumbprint;
        using var client = new ClientWebSocket();
        client.Options.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 presented && presented.Thumbprint == expectedThumbprint;

        await client.ConnectAsync(listener.WebSocketUri(scheme: "wss"), CancellationToken.None).DefaultTimeout();
        await client.SendAsync(Encoding.UTF8.GetBytes("secure"), SystemMessageType.Text, true, default).DefaultTimeout();
        (_, byte[] echoed) = await ArenaListenerTests.ReceiveAsync(client);
        Assert.Equal("secure", Encoding.UTF8.GetString(echoed));
        HttpRequestContext request = await handler.Requests.Task.DefaultTimeout();
        Assert.True(request.IsTls);

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, default).DefaultTimeout();
        Assert.Equal(CloseReason.ClientClosed, (await handler.WebSocket.Closed.Task.DefaultTimeout()).Reason);
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=arena-test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
    }
}
