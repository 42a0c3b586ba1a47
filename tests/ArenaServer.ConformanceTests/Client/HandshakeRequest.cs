using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ArenaServer.ConformanceTests.Client;

/// <summary>Builds opening-handshake requests and checks the server's 101 response (RFC 6455 §4.1, §4.2.2).</summary>
internal static class HandshakeRequest
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"; // RFC 6455 §1.3

    public static string Create(IPEndPoint endPoint, string path, string key, IEnumerable<string>? extraHeaders = null)
    {
        var request = new StringBuilder();
        request.Append("GET ").Append(path).Append(" HTTP/1.1\r\n");
        request.Append("Host: ").Append(endPoint).Append("\r\n");
        request.Append("Upgrade: websocket\r\n");
        request.Append("Connection: Upgrade\r\n");
        request.Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n");
        request.Append("Sec-WebSocket-Version: 13\r\n");
        foreach (string header in extraHeaders ?? [])
        {
            request.Append(header).Append("\r\n");
        }

        return request.Append("\r\n").ToString();
    }

    public static string ComputeAccept(string key)
        => Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));

    /// <summary>What a client MUST check before it considers the connection open (RFC 6455 §4.1, items 1–6).</summary>
    public static void AssertValidUpgrade(RawHttpResponse response, string key, string? caseId = null)
    {
        if (response.StatusCode != 101)
        {
            Assert.Fail($"[{caseId}] Expected 101 Switching Protocols but the server answered: {response}");
        }

        Assert.True(
            string.Equals(response.Header("Upgrade"), "websocket", StringComparison.OrdinalIgnoreCase),
            $"101 without 'Upgrade: websocket' (RFC 6455 §4.2.2): {response}");
        Assert.True(
            response.HasToken("Connection", "Upgrade"), $"101 without 'Connection: Upgrade' (RFC 6455 §4.2.2): {response}");
        Assert.Equal(ComputeAccept(key), response.Header("Sec-WebSocket-Accept"));
        Assert.True(
            response.Header("Sec-WebSocket-Extensions") is null,
            $"The server selected an extension although v1 negotiates none (RFC 6455 §9.1): {response}");
    }
}
