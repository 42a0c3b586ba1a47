using System.Buffers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ArenaServer.Protocol;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests.Latency;

/// <summary>A hand-written RFC 6455 client on a raw socket that decides itself how to answer Pings (the BCL and
/// browser clients always answer them correctly), for the missing- and wrong-Pong cases.</summary>
internal sealed class RawGameClient : IDisposable
{
    private const byte Fin = 0x80;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RawGameClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    public static async Task<RawGameClient> ConnectAsync(System.Net.IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint).DefaultTimeout();
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new RawGameClient(socket);
        try
        {
            string request = $"GET /ws HTTP/1.1\r\nHost: {endPoint}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
                $"Sec-WebSocket-Protocol: {Subprotocols.MessagePack}\r\n\r\n";
            await client._stream.WriteAsync(Encoding.ASCII.GetBytes(request)).AsTask().DefaultTimeout();
            string response = await client.ReadResponseHeadAsync().DefaultTimeout();
            Assert.StartsWith("HTTP/1.1 101", response, StringComparison.Ordinal);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return client;
    }

    /// <summary>Sends <c>[1, "arena"]</c> as a masked binary frame.</summary>
    public Task SendJoinAsync() => SendFrameAsync(0x2, [0x92, 0x01, 0xa5, (byte)'a', (byte)'r', (byte)'e', (byte)'n', (byte)'a']);

    public Task SendPongAsync(byte[] payload) => SendFrameAsync(0xA, payload);

    /// <summary>The next frame's opcode and payload, or null when the server dropped or closed the TCP connection.</summary>
    public async Task<(int Opcode, byte[] Payload)?> ReceiveFrameAsync()
    {
        try
        {
            byte[] head = new byte[2];
            if (!await ReadExactlyAsync(head))
            {
                return null;
            }

            long length = head[1] & 0x7f;
            if (length == 126)
            {
                byte[] extended = new byte[2];
                Assert.True(await ReadExactlyAsync(extended));
                length = (extended[0] << 8) | extended[1];
            }
            else if (length == 127)
            {
                byte[] extended = new byte[8];
                Assert.True(await ReadExactlyAsync(extended));
                length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(extended);
            }

            Assert.Equal(0, head[1] & 0x80); // server frames are never masked (RFC 6455 §5.1)
            byte[] payload = new byte[length];
            Assert.True(await ReadExactlyAsync(payload));
            return (head[0] & 0x0f, payload);
        }
        catch (IOException)
        {
            return null; // the server aborted (RST)
        }
    }

    public static Envelope Decode(byte[] payload)
    {
        Assert.Equal(EnvelopeStatus.Success, EnvelopeReader.ReadFromServer(new ReadOnlySequence<byte>(payload), null, out Envelope envelope));
        return envelope;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }

    private async Task SendFrameAsync(int opcode, byte[] payload)
    {
        Assert.True(payload.Length < 126);
        byte[] frame = new byte[2 + 4 + payload.Length];
        frame[0] = (byte)(Fin | opcode);
        frame[1] = (byte)(0x80 | payload.Length);
        RandomNumberGenerator.Fill(frame.AsSpan(2, 4));
        for (int i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = (byte)(payload[i] ^ frame[2 + (i % 4)]);
        }

        await _stream.WriteAsync(frame).AsTask().DefaultTimeout();
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await _stream.ReadAsync(buffer.AsMemory(read)).AsTask().DefaultTimeout();
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private async Task<string> ReadResponseHeadAsync()
    {
        // Byte by byte, so no frame bytes after the head are consumed.
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.True(await ReadExactlyAsync(one), "the server closed during the handshake");
            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
