using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace ArenaServer.EchoBench;

/// <summary>
/// The benchmark's own minimal RFC 6455 client on a raw <see cref="Socket"/>: the same, cheap client for both servers,
/// so the comparison is fair and the client leaves as much of the 2 cores as possible to the server under test.
/// </summary>
/// <remarks>
/// One reader at a time (the connection's own loop); sends may come from two places (a trigger and a pong), so they
/// are serialized by a lock. Frames to send are built and masked once by <see cref="CreateFrame"/> and then reused,
/// which RFC 6455 §5.3 allows a benchmark to do (the key only needs to be unpredictable to intermediaries).
/// </remarks>
internal sealed class RawWebSocket : IDisposable
{
    public const byte OpcodeContinuation = 0x0;
    public const byte OpcodeBinary = 0x2;
    public const byte OpcodeClose = 0x8;
    public const byte OpcodePing = 0x9;
    public const byte OpcodePong = 0xA;

    private const byte FinBit = 0b_1000_0000;    // RFC 6455 §5.2
    private const byte MaskBit = 0b_1000_0000;   // RFC 6455 §5.2
    private const int MinimumBufferSize = 1024;  // room for a 101 response head

    private readonly Socket _socket;
    private readonly byte[] _buffer;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private int _start;
    private int _end;

    private RawWebSocket(Socket socket, int bufferSize)
    {
        _socket = socket;
        _buffer = new byte[Math.Max(bufferSize, MinimumBufferSize)];
    }

    /// <summary>When set, an empty buffer waits with a zero-byte receive, so an idle client pins no buffer.</summary>
    public bool UseZeroByteReads { get; set; }

    public static async Task<RawWebSocket> ConnectAsync(LoopbackTarget target, int bufferSize, CancellationToken cancellationToken)
    {
        Socket socket = new(target.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target.EndPoint, cancellationToken);
            RawWebSocket webSocket = new(socket, bufferSize);
            await webSocket.HandshakeAsync(target, cancellationToken);
            return webSocket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Builds a complete masked frame with FIN set (RFC 6455 §5.2, §5.3) for repeated sending.</summary>
    public static byte[] CreateFrame(byte opcode, ReadOnlySpan<byte> payload)
    {
        int headerLength = payload.Length < 126 ? 6 : payload.Length <= ushort.MaxValue ? 8 : 14;
        byte[] frame = new byte[headerLength + payload.Length];
        frame[0] = (byte)(FinBit | opcode);
        if (payload.Length < 126)
        {
            frame[1] = (byte)(MaskBit | payload.Length);
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            frame[1] = MaskBit | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else
        {
            frame[1] = MaskBit | 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }

        Span<byte> mask = frame.AsSpan(headerLength - 4, 4);
        RandomNumberGenerator.Fill(mask);
        for (int i = 0; i < payload.Length; i++)
        {
            frame[headerLength + i] = (byte)(payload[i] ^ mask[i & 3]);
        }

        return frame;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            while (!frame.IsEmpty)
            {
                int sent = await _socket.SendAsync(frame, SocketFlags.None, cancellationToken);
                frame = frame[sent..];
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Reads one whole data message (any number of fragments), answering Pings and skipping Pongs on the way.
    /// Copies up to <paramref name="copyTo"/>'s length of the payload when given. A Close frame returns opcode 8.
    /// </summary>
    public async ValueTask<ReceivedMessage> ReceiveMessageAsync(Memory<byte> copyTo, CancellationToken cancellationToken)
    {
        byte messageOpcode = OpcodeContinuation;
        int total = 0;
        while (true)
        {
            FrameInfo frame = await ReceiveFrameAsync(cancellationToken);
            switch (frame.Opcode)
            {
                case OpcodePing:
                    byte[] pong = CreateFrame(OpcodePong, _buffer.AsSpan(frame.PayloadOffset, frame.PayloadLength));
                    await SendAsync(pong, cancellationToken);
                    continue;
                case OpcodePong:
                    continue;
                case OpcodeClose:
                    return new ReceivedMessage(OpcodeClose, 0);
            }

            if (frame.Opcode != OpcodeContinuation)
            {
                messageOpcode = frame.Opcode;
            }

            if (total < copyTo.Length)
            {
                int count = Math.Min(frame.PayloadLength, copyTo.Length - total);
                _buffer.AsSpan(frame.PayloadOffset, count).CopyTo(copyTo.Span[total..]);
            }

            total += frame.PayloadLength;
            if (frame.Fin)
            {
                return new ReceivedMessage(messageOpcode, total);
            }
        }
    }

    /// <summary>Starts the closing handshake (1000) and closes the socket without waiting for the reply.</summary>
    public async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        try
        {
            byte[] close = CreateFrame(OpcodeClose, [0x03, 0xE8]);
            await SendAsync(close, cancellationToken);
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The server may already be gone; closing is best effort at the end of a run.
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
    }

    private async ValueTask<FrameInfo> ReceiveFrameAsync(CancellationToken cancellationToken)
    {
        FrameHeader header;
        while (!FrameHeader.TryRead(_buffer.AsSpan(_start, _end - _start), out header))
        {
            await FillAsync(_end - _start + 1, cancellationToken);
        }

        // A server must not mask (RFC 6455 §5.1); tolerated here.
        if (header.PayloadLength > _buffer.Length - header.HeaderLength)
        {
            throw new InvalidDataException($"Frame of {header.PayloadLength} bytes exceeds the client's {_buffer.Length}-byte buffer.");
        }

        int length = (int)header.PayloadLength;
        int frameLength = header.HeaderLength + length;
        await EnsureAsync(frameLength, cancellationToken);
        int payloadOffset = _start + header.HeaderLength;
        if (header.Masked)
        {
            Unmask(_buffer.AsSpan(payloadOffset, length), _buffer.AsSpan(payloadOffset - 4, 4));
        }

        _start += frameLength;
        return new FrameInfo(header.Opcode, header.Fin, payloadOffset, length);
    }

    private ValueTask EnsureAsync(int count, CancellationToken cancellationToken)
    {
        return _end - _start >= count ? ValueTask.CompletedTask : FillAsync(count, cancellationToken);
    }

    private async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            if (_start == _end)
            {
                _start = _end = 0;
                if (UseZeroByteReads)
                {
                    await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellationToken);
                }
            }
            else if (_start + count > _buffer.Length)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
            if (received == 0)
            {
                throw new EndOfStreamException("The server closed the connection.");
            }

            _end += received;
        }
    }

    private async Task HandshakeAsync(LoopbackTarget target, CancellationToken cancellationToken)
    {
        (byte[] request, string key) = WebSocketHandshake.CreateRequest(target);
        await SendAsync(request, cancellationToken);

        int headEnd;
        while ((headEnd = _buffer.AsSpan(0, _end).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end == _buffer.Length)
            {
                throw new InvalidDataException("The handshake response head is too large.");
            }

            int received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
            if (received == 0)
            {
                throw new EndOfStreamException("The server closed the connection during the handshake.");
            }

            _end += received;
        }

        WebSocketHandshake.CheckResponse(_buffer.AsSpan(0, headEnd), key);
        _start = headEnd + 4;
    }

    private static void Unmask(Span<byte> payload, ReadOnlySpan<byte> mask)
    {
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] ^= mask[i & 3];
        }
    }

    private readonly record struct FrameInfo(byte Opcode, bool Fin, int PayloadOffset, int PayloadLength);
}
