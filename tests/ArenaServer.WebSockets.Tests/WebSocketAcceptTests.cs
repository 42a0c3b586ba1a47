using System.Security.Cryptography;
using System.Text;

namespace ArenaServer.WebSockets.Tests;

public class WebSocketAcceptTests
{
    [Fact]
    public void Compute_Rfc6455Section13Key_ReturnsRfcAccept()
    {
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketAccept.Compute("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    [Fact]
    public void Compute_SpanOverload_WritesSameAsciiBytes()
    {
        Span<byte> destination = stackalloc byte[40];

        int written = WebSocketAccept.Compute("dGhlIHNhbXBsZSBub25jZQ==", destination);

        Assert.Equal(28, written);
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Encoding.ASCII.GetString(destination[..written]));
    }

    [Fact]
    public void Compute_RandomKeys_MatchesIndependentComputation()
    {
        var random = new Random(6455);
        byte[] nonce = new byte[16];
        for (int i = 0; i < 100; i++)
        {
            random.NextBytes(nonce);
            string key = Convert.ToBase64String(nonce);
            string expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            Assert.Equal(expected, WebSocketAccept.Compute(key));
        }
    }

    [Fact]
    public void Compute_DestinationTooSmall_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketAccept.Compute("dGhlIHNhbXBsZSBub25jZQ==".AsSpan(), new byte[27]));
    }
}
