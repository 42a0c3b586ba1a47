using System.Net.Http;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using ArenaServer.FunctionalTests.Infrastructure;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests;

/// <summary><c>Arena:Tls</c> wiring: with a PEM certificate every route is served over TLS (<c>https</c>/<c>wss</c>).</summary>
public sealed class EchoTlsTests : IDisposable
{
    private readonly SelfSignedCertificate _certificate = new();

    public void Dispose() => _certificate.Dispose();

    [Fact]
    public async Task Echo_TlsConfigured_WssEchoAndHttpsHealthz()
    {
        (TestArenaServer server, CapturingLoggerProvider logs) = await EchoServer.StartAsync(c =>
        {
            c["Arena:Tls:CertificatePath"] = _certificate.CertificatePath;
            c["Arena:Tls:KeyPath"] = _certificate.KeyPath;
        });
        await using (server)
        {
            using var client = new ClientWebSocket();
            // Trust exactly the test's own certificate, nothing else.
            client.Options.RemoteCertificateValidationCallback = (_, certificate, _, _) => IsOurCertificate(certificate);
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => IsOurCertificate(certificate) };
            using var http = new HttpClient(handler);

            string health = await http.GetStringAsync(new Uri(server.HttpUri, "/healthz")).DefaultTimeout();
            await client.ConnectAsync(server.GetWebSocketUri("/echo"), CancellationToken.None).DefaultTimeout();
            await client.SendAsync("over tls"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).DefaultTimeout();
            (WebSocketMessageType type, byte[] echo) = await client.ReceiveMessageAsync();
            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).DefaultTimeout();
            (_, ushort? serverCode) = await logs.WaitForServerCloseAsync();

            Assert.True(server.IsTls);
            Assert.Equal("https", server.HttpUri.Scheme);
            Assert.Equal("wss", server.GetWebSocketUri("/echo").Scheme);
            Assert.Equal("""{"status":"ok"}""", health);
            Assert.Equal(WebSocketMessageType.Text, type);
            Assert.Equal("over tls"u8.ToArray(), echo);
            Assert.Equal((ushort)1000, serverCode);
        }
    }

    private bool IsOurCertificate(X509Certificate? certificate)
        => certificate is not null && string.Equals(certificate.GetCertHashString(), _certificate.Thumbprint, StringComparison.OrdinalIgnoreCase);
}
