using System.Buffers;
using System.Text;

namespace ArenaServer.WebSockets.Tests;

public class HttpResponseWriterTests
{
    [Fact]
    public void WriteSwitchingProtocols_WithSubprotocol_ExactBytes()
    {
        var output = new ArrayBufferWriter<byte>();

        HttpResponseWriter.WriteSwitchingProtocols(output, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "arena.v1.msgpack");

        Assert.Equal(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: arena.v1.msgpack\r\n\r\n",
            Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void WriteSwitchingProtocols_NoSubprotocol_OmitsHeader()
    {
        var output = new ArrayBufferWriter<byte>();

        HttpResponseWriter.WriteSwitchingProtocols(output, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", null);

        string text = Encoding.ASCII.GetString(output.WrittenSpan);
        Assert.DoesNotContain("Sec-WebSocket-Protocol", text, StringComparison.Ordinal);
        Assert.EndsWith("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "Bad Request")]
    [InlineData(403, "Forbidden")]
    [InlineData(404, "Not Found")]
    [InlineData(405, "Method Not Allowed")]
    [InlineData(426, "Upgrade Required")]
    [InlineData(431, "Request Header Fields Too Large")]
    [InlineData(503, "Service Unavailable")]
    public void WriteError_EachStatus_StatusLineHeadersAndBody(int status, string reason)
    {
        var output = new ArrayBufferWriter<byte>();

        HttpResponseWriter.WriteError(output, status, "nope");

        string text = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.StartsWith($"HTTP/1.1 {status} {reason}\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: text/plain; charset=utf-8\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 5\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nnope\n", text, StringComparison.Ordinal);
        Assert.Equal(status == 426, text.Contains("\r\nSec-WebSocket-Version: 13\r\n", StringComparison.Ordinal));
        Assert.Equal(status == 405, text.Contains("\r\nAllow: GET, HEAD\r\n", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteError_426WithOwnVersionHeader_NotDuplicated()
    {
        var output = new ArrayBufferWriter<byte>();

        HttpResponseWriter.WriteError(output, 426, "upgrade", [new("sec-websocket-version", "13")]);

        string text = Encoding.ASCII.GetString(output.WrittenSpan);
        Assert.Single(text.Split("\r\n"), l => l.StartsWith("sec-websocket-version", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void WriteResponse_HeadOnly_KeepsLengthOmitsBody()
    {
        var output = new ArrayBufferWriter<byte>();

        HttpResponseWriter.WriteResponse(output, 200, "text/html", "<p>hi</p>"u8, [new("Cache-Control", "no-cache")], headOnly: true);

        Assert.Equal(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9\r\nConnection: close\r\nCache-Control: no-cache\r\n\r\n",
            Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void WriteResponse_LargeBody_WrittenWhole()
    {
        var output = new ArrayBufferWriter<byte>(16);
        byte[] body = new byte[100_000];
        new Random(1).NextBytes(body);

        HttpResponseWriter.WriteResponse(output, 200, "application/octet-stream", body);

        Assert.True(output.WrittenSpan.EndsWith(body));
        Assert.Contains("Content-Length: 100000\r\n", Encoding.Latin1.GetString(output.WrittenSpan), StringComparison.Ordinal);
    }

    [Theory, Trait("Category", "Security"), Trait("CWE", "113")]
    [InlineData("X-A", "a\r\nSet-Cookie: x=1")]
    [InlineData("X-A", "a\nb")]
    [InlineData("X-A", "a\0b")]
    [InlineData("X-A\r\nX-B", "a")]
    [InlineData("X A", "a")]
    [InlineData("", "a")]
    public void WriteResponse_HeaderInjection_Throws(string name, string value)
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Throws<ArgumentException>(() => HttpResponseWriter.WriteError(output, 400, "bad", [new(name, value)]));
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "113")]
    public void WriteSwitchingProtocols_SubprotocolWithCrLf_Throws()
    {
        Assert.Throws<ArgumentException>(() => HttpResponseWriter.WriteSwitchingProtocols(new ArrayBufferWriter<byte>(), "k", "a\r\nX: y"));
    }

    [Theory]
    [InlineData(101, "Switching Protocols")]
    [InlineData(200, "OK")]
    [InlineData(411, "Length Required")]
    [InlineData(599, "")]
    public void ReasonPhrase_Status_Phrase(int status, string expected)
    {
        Assert.Equal(expected, HttpResponseWriter.ReasonPhrase(status));
    }
}
