using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ArenaServer.Tests;

namespace ArenaServer.Transport.Tests.Infrastructure;

/// <summary>A deliberately minimal client over a raw socket, for what a well-behaved client never does: stalling,
/// not answering pings, oversized headers, malformed frames.</summary>
internal sealed class RawWebSocketClient : IDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _received = [];

    private RawWebSocketClient(Socket socket) => _socket = socket;

    public Socket Socket => _socket;

    public static async Task<RawWebSocketClient> ConnectAsync(IPEndPoint endPoint, int? receiveBufferSize = null)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferSize is int size)
        {
            socket.ReceiveBufferSize = size; // before connect, so the advertised window stays small
        }

        await socket.ConnectAsync(endPoint).DefaultTimeout();
        return new RawWebSocketClient(socket);
    }

    public static async Task<RawWebSocketClient> ConnectWebSocketAsync(IPEndPoint endPoint, string path = "/echo",
        int? receiveBufferSize = null)
    {
        RawWebSocketClient client = await ConnectAsync(endPoint, receiveBufferSize);
        string response = await client.HandshakeAsync(path);
        Assert.StartsWith("HTTP/1.1 101", response, StringComparison.Ordinal);
        return client;
    }

    public async Task<string> HandshakeAsync(string path = "/echo")
    {
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await SendAsync(Encoding.ASCII.GetBytes(
            $"GET {path} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        return await ReadHttpHeadAsync();
    }

    public async Task<string> ReadHttpHeadAsync()
    {
        while (true)
        {
            int end = IndexOfHeadEnd();
            if (end >= 0)
            {
                string head = Encoding.ASCII.GetString(_received.GetRange(0, end + 4).ToArray());
                _received.RemoveRange(0, end + 4);
                return head;
            }

            if (!await FillAsync())
            {
                return Encoding.ASCII.GetString(_received.ToArray());
            }
        }
    }

    public async Task<string> ReadToEndAsync()
    {
        while (await FillAsync())
        {
        }

        return Encoding.ASCII.GetString(_received.ToArray());
    }

    public Task SendAsync(byte[] bytes) => _socket.SendAsync(bytes, SocketFlags.None).DefaultTimeout();

    public Task SendFrameAsync(byte opcode, ReadOnlySpan<byte> payload, bool fin = true, bool mask = true, byte rsv = 0)
        => SendAsync(EncodeFrame(opcode, payload, fin, mask, rsv));

    public static byte[] EncodeFrame(byte opcode, ReadOnlySpan<byte> payload, bool fin = true, bool mask = true, byte rsv = 0,
        long? declaredLength = null)
    {
        long length = declaredLength ?? payload.Length;
        var frame = new List<byte> { (byte)((fin ? 0x80 : 0) | rsv | opcode) };
        byte maskBit = mask ? (byte)0x80 : (byte)0;
        if (length <= 125)
        {
            frame.Add((byte)(maskBit | length));
        }
        else if (length <= ushort.MaxValue)
        {
            frame.Add((byte)(maskBit | 126));
            frame.Add((byte)(length >> 8));
            frame.Add((byte)length);
        }
        else
        {
            frame.Add((byte)(maskBit | 127));
            byte[] extended = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(extended, length);
            frame.AddRange(extended);
        }

        byte[] key = mask ? RandomNumberGenerator.GetBytes(4) : [];
        frame.AddRange(key);
        for (int i = 0; i < payload.Length; i++)
        {
            frame.Add(mask ? (byte)(payload[i] ^ key[i % 4]) : payload[i]);
        }

        return frame.ToArray();
    }

    /// <summary>Reads one server frame; <see langword="null"/> when the server closed TCP first.</summary>
    public async Task<(byte Opcode, bool Fin, byte[] Payload)?> ReceiveFrameAsync()
    {
        if (!await EnsureAsync(2))
        {
            return null;
        }

        byte first = _received[0];
        int length = _received[1] & 0x7F;
        int headerLength = 2;
        if (length == 126)
        {
            if (!await EnsureAsync(4))
            {
                return null;
            }

            length = (_received[2] << 8) | _received[3];
            headerLength = 4;
        }
        else if (length == 127)
        {
            if (!await EnsureAsync(10))
            {
                return null;
            }

            length = (int)BinaryPrimitives.ReadInt64BigEndian(_received.GetRange(2, 8).ToArray());
            headerLength = 10;
        }

        if (!await EnsureAsync(headerLength + length))
        {
            return null;
        }

        byte[] payload = _received.GetRange(headerLength, length).ToArray();
        _received.RemoveRange(0, headerLength + length);
        return ((byte)(first & 0x0F), (first & 0x80) != 0, payload);
    }

    /// <summary>Reads frames until a Close arrives and returns its code (null for an empty Close or none).</summary>
    public async Task<(bool Received, ushort? Code)> ReceiveCloseAsync()
    {
        while (true)
        {
            (byte Opcode, bool Fin, byte[] Payload)? frame = await ReceiveFrameAsync();
            if (frame is null)
            {
                return (false, null);
            }

            if (frame.Value.Opcode == 0x8)
            {
                return (true, frame.Value.Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(frame.Value.Payload) : null);
            }
        }
    }

    /// <summary>Completes with <see langword="true"/> when the server closed (FIN or reset) and nothing else arrived.</summary>
    public async Task<bool> WaitForServerCloseAsync()
    {
        int before = _received.Count;
        while (await FillAsync())
        {
        }

        return _received.Count == before;
    }

    public void Dispose() => _socket.Dispose();

    private int IndexOfHeadEnd()
    {
        for (int i = 0; i + 3 < _received.Count; i++)
        {
            if (_received[i] == '\r' && _received[i + 1] == '\n' && _received[i + 2] == '\r' && _received[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private async Task<bool> EnsureAsync(int count)
    {
        while (_received.Count < count)
        {
            if (!await FillAsync())
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> FillAsync()
    {
        byte[] buffer = new byte[8192];
        int read;
        try
        {
            read = await _socket.ReceiveAsync(buffer, SocketFlags.None).DefaultTimeout();
        }
        catch (SocketException)
        {
            return false;
        }

        _received.AddRange(buffer.AsSpan(0, read).ToArray());
        return read > 0;
    }
}
