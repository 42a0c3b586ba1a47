using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Text;
using ArenaServer.Tests;

namespace ArenaServer.ConformanceTests.Client;

internal sealed partial class RawWebSocketClient
{
    private const int MaxAcceptedPayload = 64 * 1024 * 1024;
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _tcpEnded;
    private bool _reset;
    private bool _closeReceived;
    private byte _messageOpcode;
    private MemoryStream? _message;
    private string _waitingFor = "waiting for the server";
    private TimeSpan _readTimeout = TaskTimeoutExtensions.DefaultTimeoutValue;

    /// <summary>
    /// Returns the next whole data message, Pong or Close, or <see cref="MessageKind.TcpClosed"/>. Every server
    /// frame is checked against RFC 6455 on the way; a violation fails the test with the section.
    /// </summary>
    public async Task<ReceivedMessage> ReceiveAsync()
    {
        while (true)
        {
            RawFrame? next = await ReadFrameAsync();
            if (next is not RawFrame frame)
            {
                return new ReceivedMessage(MessageKind.TcpClosed, []) { Reset = _reset };
            }

            if (_closeReceived)
            {
                Violation($"the server sent a {Opcode.Name(frame.Opcode)} frame after its Close frame (§5.5.1)");
            }

            switch (frame.Opcode)
            {
                case Opcode.Ping:
                    ServerPings++;
                    await AnswerPingAsync(frame.Payload);
                    continue;
                case Opcode.Pong:
                    return new ReceivedMessage(MessageKind.Pong, frame.Payload);
                case Opcode.Close:
                    _closeReceived = true;
                    return ParseClose(frame.Payload);
                case Opcode.Text or Opcode.Binary:
                    if (_messageOpcode != 0)
                    {
                        Violation("the server started a new data message inside a fragmented one (§5.4)");
                    }

                    if (frame.Fin)
                    {
                        return CompleteMessage(frame.Opcode, frame.Payload);
                    }

                    _messageOpcode = frame.Opcode;
                    _message = new MemoryStream();
                    _message.Write(frame.Payload);
                    continue;
                default:
                    if (_messageOpcode == 0 || _message is null)
                    {
                        Violation("the server sent a Continuation frame with no message to continue (§5.4)");
                    }

                    _message!.Write(frame.Payload);
                    if (frame.Fin)
                    {
                        byte opcode = _messageOpcode;
                        byte[] payload = _message.ToArray();
                        _messageOpcode = 0;
                        _message = null;
                        return CompleteMessage(opcode, payload);
                    }

                    continue;
            }
        }
    }

    /// <summary>Reads an HTTP response head (up to the empty line); bytes after it stay buffered as frames.</summary>
    public async Task<RawHttpResponse> ReadHttpResponseHeadAsync(int maxHeadSize = 64 * 1024)
    {
        _waitingFor = "waiting for the HTTP response head";
        int searched = 0;
        while (true)
        {
            int end = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                int headLength = searched + end + 4;
                string head = Encoding.Latin1.GetString(_buffer, _start, headLength);
                _start += headLength;
                return RawHttpResponse.Parse(head);
            }

            searched = Math.Max(0, _end - _start - 3);
            if (_end - _start > maxHeadSize)
            {
                Fail($"The HTTP response head exceeds {maxHeadSize} bytes.");
            }

            if (!await FillAsync(_end - _start + 1))
            {
                string partial = Encoding.Latin1.GetString(_buffer, _start, _end - _start);
                return RawHttpResponse.ConnectionClosed(partial, _reset);
            }
        }
    }

    /// <summary>Collects whatever the server sends until it ends the TCP connection.</summary>
    public async Task<byte[]> ReadUntilTcpEndAsync()
    {
        _waitingFor = "waiting for the server to close the TCP connection";
        using var received = new MemoryStream();
        do
        {
            received.Write(_buffer, _start, _end - _start);
            _start = _end;
        }
        while (await FillAsync(1));

        return received.ToArray();
    }

    private async Task<RawFrame?> ReadFrameAsync()
    {
        if (!await FillAsync(2))
        {
            if (_end != _start)
            {
                Violation($"the TCP connection ended inside a frame header ({_end - _start} bytes)");
            }

            return null;
        }

        byte b0 = _buffer[_start];
        byte b1 = _buffer[_start + 1];
        bool fin = (b0 & 0b_1000_0000) != 0;
        int rsv = (b0 >> 4) & 0b_111;
        byte opcode = (byte)(b0 & 0b_1111);
        bool masked = (b1 & 0b_1000_0000) != 0;
        int lengthCode = b1 & 0b_0111_1111;
        int extended = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
        int headerLength = 2 + extended + (masked ? 4 : 0);
        await FillOrViolateAsync(headerLength, "frame header");

        ulong length = (ulong)lengthCode;
        if (extended == 2)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start + 2));
            Check(length > 125, $"the server used a 16-bit length for {length} bytes (§5.2: minimal encoding)");
        }
        else if (extended == 8)
        {
            length = BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(_start + 2));
            Check(length > ushort.MaxValue, $"the server used a 64-bit length for {length} bytes (§5.2: minimal encoding)");
        }

        Check(!masked, "the server masked a frame (§5.1: a server MUST NOT mask)");
        Check(rsv == 0, $"the server set RSV bits {rsv} without a negotiated extension (§5.2)");
        Check(
            opcode is <= Opcode.Binary or (>= Opcode.Close and <= Opcode.Pong),
            $"the server used reserved opcode 0x{opcode:X} (§5.2)");
        if (Opcode.IsControl(opcode))
        {
            Check(fin, $"the server fragmented a {Opcode.Name(opcode)} frame (§5.5)");
            Check(length <= 125, $"the server sent a {Opcode.Name(opcode)} frame of {length} bytes (§5.5: at most 125)");
        }

        Check(length <= MaxAcceptedPayload, $"the server announced a {length}-byte frame");
        int total = headerLength + (int)length;
        await FillOrViolateAsync(total, $"{Opcode.Name(opcode)} frame payload ({length} bytes)");
        byte[] payload = _buffer.AsSpan(_start + headerLength, (int)length).ToArray();
        _start += total;
        return new RawFrame(fin, opcode, payload);
    }

    private ReceivedMessage CompleteMessage(byte opcode, byte[] payload)
    {
        if (opcode == Opcode.Text && !IsValidUtf8(payload))
        {
            string shown = ReceivedMessage.Preview(payload, text: false);
            Violation($"the server sent a Text message that is not valid UTF-8 (§5.6, §8.1): {shown}");
        }

        return new ReceivedMessage(opcode == Opcode.Text ? MessageKind.Text : MessageKind.Binary, payload);
    }

    private ReceivedMessage ParseClose(byte[] payload)
    {
        if (payload.Length == 0)
        {
            // RFC 6455 §7.1.5: a Close frame without a status code is treated as 1005.
            return new ReceivedMessage(MessageKind.Close, payload) { CloseCode = 1005 };
        }

        Check(payload.Length >= 2, "the server sent a 1-byte Close payload (§5.5.1)");
        int code = BinaryPrimitives.ReadUInt16BigEndian(payload);
        Check(IsSendableCloseCode(code), $"the server sent Close code {code}, which may not be sent on the wire (§7.4)");
        Check(IsValidUtf8(payload.AsSpan(2)), "the server sent a Close reason that is not valid UTF-8 (§5.5.1)");
        return new ReceivedMessage(MessageKind.Close, payload)
        {
            CloseCode = code,
            CloseReason = Encoding.UTF8.GetString(payload.AsSpan(2)),
        };
    }

    /// <summary>RFC 6455 §7.4.1–§7.4.2 plus the IANA registry (1012–1014): codes an endpoint may send.</summary>
    internal static bool IsSendableCloseCode(int code)
        => code is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = s_strictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private async Task FillOrViolateAsync(int count, string what)
    {
        if (!await FillAsync(count))
        {
            Violation($"the TCP connection ended inside a {what}");
        }
    }

    /// <summary>Ensures at least <paramref name="count"/> unread bytes are buffered; false when TCP ended first.</summary>
    private async Task<bool> FillAsync(int count)
    {
        while (_end - _start < count)
        {
            if (_tcpEnded)
            {
                return false;
            }

            if (_buffer.Length - _start < count || _end == _buffer.Length)
            {
                byte[] target = count > _buffer.Length ? new byte[Math.Max(count, _buffer.Length * 2)] : _buffer;
                Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
                _end -= _start;
                _start = 0;
                _buffer = target;
            }

            int read;
            try
            {
                read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, _lifetime.Token)
                    .AsTask()
                    .TimeoutAfter(_readTimeout);
            }
            catch (SocketException ex) when (IsPeerGone(ex.SocketErrorCode))
            {
                _reset = true;
                read = 0;
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"[{CaseId}] Timed out {_waitingFor}: {ex.Message}", ex);
            }

            if (read == 0)
            {
                _tcpEnded = true;
                return false;
            }

            _end += read;
        }

        return true;
    }

    private void Check(bool condition, string violation)
    {
        if (!condition)
        {
            Violation(violation);
        }
    }

    [DoesNotReturn]
    private void Violation(string message) => Fail("RFC 6455 violation by the server: " + message + ".");

    private readonly record struct RawFrame(bool Fin, byte Opcode, byte[] Payload);
}
