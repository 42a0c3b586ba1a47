using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ArenaServer.EchoBench.Epoll;

/// <summary>
/// The epoll client's connection: a blocking <see cref="Socket"/> for connect and handshake (synchronous calls never
/// register it with the runtime's own epoll thread, which would otherwise wake for every message), then plain
/// <c>recv</c>/<c>send</c> with <c>MSG_DONTWAIT</c> from the thread that owns it. No task, no thread-pool hop per
/// message: the client spends as little of the shared cores as possible, the same for both servers.
/// </summary>
/// <remarks>Receives happen on the owning loop's thread only; sends may also come from a trigger on another thread,
/// so they take a lock (uncontended in the echo loop).</remarks>
internal sealed unsafe class EpollWebSocket : IDisposable
{
    private const int SendTimeoutMilliseconds = 10_000;

    private readonly Socket _socket;
    private readonly int _fd;
    private readonly byte[] _buffer;
    private readonly Lock _sendLock = new();
    private int _start;
    private int _end;
    private byte _messageOpcode;
    private int _messageLength;

    private EpollWebSocket(Socket socket, int bufferSize)
    {
        _socket = socket;
        _fd = (int)socket.Handle;
        _buffer = GC.AllocateUninitializedArray<byte>(Math.Max(bufferSize, 1024), pinned: true);
    }

    public int Descriptor => _fd;

    private int _lastPayloadOffset;
    private int _lastPayloadLength;

    /// <summary>The payload of the last frame of the message <see cref="TryReadMessage"/> just returned, valid until
    /// the next <see cref="Receive"/>.</summary>
    public ReadOnlySpan<byte> LastFramePayload => _buffer.AsSpan(_lastPayloadOffset, _lastPayloadLength);

    public static EpollWebSocket Connect(LoopbackTarget target, int bufferSize)
    {
        Socket socket = new(target.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = 15_000,
            SendTimeout = 15_000,
        };
        try
        {
            socket.Connect(target.EndPoint);
            EpollWebSocket webSocket = new(socket, bufferSize);
            webSocket.Handshake(target);
            return webSocket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends a whole frame; a full send buffer (rare with one message in flight) waits in <c>poll</c>.</summary>
    public void Send(byte[] frame)
    {
        lock (_sendLock)
        {
            fixed (byte* start = frame)
            {
                int offset = 0;
                while (offset < frame.Length)
                {
                    nint sent = LinuxCalls.Send(_fd, start + offset, (nuint)(frame.Length - offset),
                        LinuxCalls.MsgDontWait | LinuxCalls.MsgNoSignal);
                    if (sent >= 0)
                    {
                        offset += (int)sent;
                        continue;
                    }

                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == LinuxCalls.EAgain)
                    {
                        WaitWritable();
                    }
                    else if (errno != LinuxCalls.EIntr)
                    {
                        throw new IOException($"send failed: errno {errno}.");
                    }
                }
            }
        }
    }

    /// <summary>Reads what the socket has: false when it had nothing (a spurious wake-up).</summary>
    public bool Receive()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0)
        {
            // Only a partial frame is left: move it to the front so a whole frame always fits.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        fixed (byte* buffer = _buffer)
        {
            while (true)
            {
                nint received = LinuxCalls.Recv(_fd, buffer + _end, (nuint)(_buffer.Length - _end), LinuxCalls.MsgDontWait);
                if (received > 0)
                {
                    _end += (int)received;
                    return true;
                }

                if (received == 0)
                {
                    throw new EndOfStreamException("The server closed the connection.");
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == LinuxCalls.EAgain)
                {
                    return false;
                }

                if (errno != LinuxCalls.EIntr)
                {
                    throw new IOException($"recv failed: errno {errno}.");
                }
            }
        }
    }

    /// <summary>
    /// Takes the next whole data message out of what was received (any number of fragments), answering Pings and
    /// skipping Pongs on the way. A Close from the server is an error: the benchmark never asks for one mid-run.
    /// </summary>
    public bool TryReadMessage(out byte opcode, out int length)
    {
        while (TryReadFrame(out byte frameOpcode, out bool fin, out int payloadOffset, out int payloadLength))
        {
            switch (frameOpcode)
            {
                case RawWebSocket.OpcodePing:
                    Send(RawWebSocket.CreateFrame(RawWebSocket.OpcodePong, _buffer.AsSpan(payloadOffset, payloadLength)));
                    continue;
                case RawWebSocket.OpcodePong:
                    continue;
                case RawWebSocket.OpcodeClose:
                    throw new EndOfStreamException("The server sent a Close frame during the run.");
                case RawWebSocket.OpcodeContinuation:
                    break;
                default:
                    _messageOpcode = frameOpcode;
                    _messageLength = 0;
                    break;
            }

            _messageLength += payloadLength;
            if (fin)
            {
                _lastPayloadOffset = payloadOffset;
                _lastPayloadLength = payloadLength;
                opcode = _messageOpcode;
                length = _messageLength;
                _messageLength = 0;
                return true;
            }
        }

        opcode = 0;
        length = 0;
        return false;
    }

    /// <summary>Starts the closing handshake (1000) and closes the socket without waiting for the reply.</summary>
    public void Close()
    {
        try
        {
            Send(RawWebSocket.CreateFrame(RawWebSocket.OpcodeClose, [0x03, 0xE8]));
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
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

    private bool TryReadFrame(out byte opcode, out bool fin, out int payloadOffset, out int payloadLength)
    {
        opcode = 0;
        fin = false;
        payloadOffset = 0;
        payloadLength = 0;
        if (!FrameHeader.TryRead(_buffer.AsSpan(_start, _end - _start), out FrameHeader header))
        {
            return false;
        }

        if (header.Masked)
        {
            throw new InvalidDataException("The server masked a frame (RFC 6455 §5.1 forbids it).");
        }

        if (header.PayloadLength > _buffer.Length - header.HeaderLength)
        {
            throw new InvalidDataException($"Frame of {header.PayloadLength} bytes exceeds the client's {_buffer.Length}-byte buffer.");
        }

        if (_end - _start < header.HeaderLength + header.PayloadLength)
        {
            return false;
        }

        opcode = header.Opcode;
        fin = header.Fin;
        payloadOffset = _start + header.HeaderLength;
        payloadLength = (int)header.PayloadLength;
        _start += header.HeaderLength + payloadLength;
        return true;
    }

    private void WaitWritable()
    {
        LinuxCalls.PollFd poll = new() { Fd = _fd, Events = LinuxCalls.PollOut };
        if (LinuxCalls.Poll(&poll, 1, SendTimeoutMilliseconds) == 0)
        {
            throw new TimeoutException($"The server read nothing for {SendTimeoutMilliseconds / 1000} s.");
        }
    }

    private void Handshake(LoopbackTarget target)
    {
        (byte[] request, string key) = WebSocketHandshake.CreateRequest(target);
        _socket.Send(request);

        int headEnd;
        while ((headEnd = _buffer.AsSpan(0, _end).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end == _buffer.Length)
            {
                throw new InvalidDataException("The handshake response head is too large.");
            }

            int received = _socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
            if (received == 0)
            {
                throw new EndOfStreamException("The server closed the connection during the handshake.");
            }

            _end += received;
        }

        WebSocketHandshake.CheckResponse(_buffer.AsSpan(0, headEnd), key);
        _start = headEnd + 4;
    }
}
