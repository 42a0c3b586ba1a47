using System.Net;
using System.Net.Sockets;
using System.Text;
using ArenaServer.Tests;

namespace ArenaServer.Server.Tests.Routing;

/// <summary>One HTTP/1.1 exchange over a raw socket, so tests can send request targets that HttpClient would
/// normalize away (<c>/../</c>, <c>%2e%2e</c>, backslashes, NUL).</summary>
internal sealed record RawHttpResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public static async Task<RawHttpResponse> SendAsync(IPEndPoint endPoint, string requestHead, byte[]? body = null)
    {
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint).DefaultTimeout();
        byte[] request = [.. Encoding.Latin1.GetBytes(requestHead), .. body ?? []];
        await socket.SendAsync(request, SocketFlags.None).DefaultTimeout();

        // The server answers one request per connection, then closes: read to the end.
        using var received = new MemoryStream();
        byte[] buffer = new byte[8192];
        while (true)
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None).DefaultTimeout();
            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
        }

        return Parse(received.ToArray());
    }

    /// <summary>Reads only the response head, for upgrades, where the connection stays open after it.</summary>
    public static async Task<RawHttpResponse> SendForHeadAsync(IPEndPoint endPoint, string requestHead)
    {
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint).DefaultTimeout();
        await socket.SendAsync(Encoding.Latin1.GetBytes(requestHead), SocketFlags.None).DefaultTimeout();

        using var received = new MemoryStream();
        byte[] buffer = new byte[1];
        while (!received.GetBuffer().AsSpan(0, (int)received.Length).EndsWith("\r\n\r\n"u8))
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None).DefaultTimeout();
            Assert.True(read > 0, $"The connection closed before a complete response head: {Encoding.Latin1.GetString(received.ToArray())}");
            received.Write(buffer, 0, read);
        }

        return Parse(received.ToArray());
    }

    private static RawHttpResponse Parse(byte[] response)
    {
        int headEnd = response.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(headEnd > 0, $"No complete response head in {response.Length} bytes: {Encoding.Latin1.GetString(response)}");
        string[] lines = Encoding.Latin1.GetString(response, 0, headEnd).Split("\r\n");
        string[] statusLine = lines[0].Split(' ', 3);
        Assert.Equal("HTTP/1.1", statusLine[0]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return new RawHttpResponse(int.Parse(statusLine[1], System.Globalization.CultureInfo.InvariantCulture), headers, response[(headEnd + 4)..]);
    }
}
