using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace ArenaServer.Transport.Internal;

/// <summary>TLS connection middleware: an <see cref="SslStream"/> over the raw socket pipes, exposed again as a
/// pipe pair so the read and write loops do not care whether the connection is <c>wss://</c>.</summary>
/// <remarks>Used by one read loop and one write loop of a single connection.</remarks>
internal sealed class TlsDuplexPipe : IDuplexPipe, IAsyncDisposable
{
    private readonly SslStream _stream;

    private TlsDuplexPipe(SslStream stream)
    {
        _stream = stream;
        // Zero-byte reads: SslStream then waits for a record before the pipe rents a buffer, so an idle wss://
        // connection holds no read buffer either (SslStream itself frees its buffer between records).
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true,
            useZeroByteReads: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public static async Task<TlsDuplexPipe> AuthenticateAsync(IDuplexPipe transport, X509Certificate2 certificate,
        CancellationToken cancellationToken)
    {
        var stream = new SslStream(new DuplexPipeStream(transport), leaveInnerStreamOpen: false);
        try
        {
            await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateRequired = false,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new TlsDuplexPipe(stream);
    }

    public async ValueTask DisposeAsync()
    {
        await Input.CompleteAsync().ConfigureAwait(false);
        await Output.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
