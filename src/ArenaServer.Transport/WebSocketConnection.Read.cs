using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Text;
using ArenaServer.Transport.Internal;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport;

/// <summary>The read loop: frame headers checked before any payload is buffered, payloads unmasked and validated as
/// they arrive, whole messages delivered, control frames answered at once (RFC 6455 §5, §6.2).</summary>
public sealed partial class WebSocketConnection
{
    private const int MaxControlPayload = 125; // RFC 6455 §5.5
    private const int MinMessageBuffer = 256;

    // Plain TCP receive buffer, rented only while bytes are waiting: large enough for a 4 KiB message with its header
    // in one receive (delivered in place, without a copy).
    private const int ReceiveBufferSize = 8192;

    private MessageValidator _validator;
    private FrameHeader _frame;
    private long _frameRemaining;
    private int _maskIndex;
    private bool _inPayload;
    private bool _skipPayload;
    private bool _discardAll;
    private Opcode _messageOpcode;
    private byte[]? _messageBuffer;
    private int _messageLength;
    private byte[]? _receiveBuffer;
    private int _received;

    /// <summary>The read loop body, inlined into <see cref="RunAsync"/> so a long-lived connection keeps one async
    /// frame fewer on the heap.</summary>
    /// <returns><see langword="true"/> to keep reading.</returns>
    private bool OnRead(in ReadResult result)
    {
        ReadOnlySequence<byte> buffer = result.Buffer;
        bool done = ProcessDeferringWrites(ref buffer);

        // Paused with whole frames still buffered: mark nothing beyond them examined, so the next read returns them
        // at once instead of waiting for more bytes.
        _transport.Pipe.Input.AdvanceTo(buffer.Start, _readPaused ? buffer.Start : buffer.End);
        if (done)
        {
            return false;
        }

        if (_readPaused)
        {
            // Whole frames are still buffered (even after a FIN): deliver them once the queue drains.
            return true;
        }

        if (result.IsCompleted || result.IsCanceled)
        {
            // FIN (or abort): a drop unless a close handshake already gave the reason.
            MarkLost(CloseReason.ConnectionLost);
            return false;
        }

        return true;
    }

    /// <summary>The plain-TCP read loop body: parses what <see cref="_receiveBuffer"/> holds, keeps the unconsumed tail
    /// (at most a partial frame header or control frame, or whole frames while reading is paused) at its start, and
    /// returns the buffer to the pool once it is empty, so an idle connection holds none.</summary>
    /// <param name="filled">Whether the last receive filled the buffer: more bytes are then almost surely waiting, so
    /// the buffer is kept for a direct receive instead of a zero-byte one.</param>
    /// <returns><see langword="true"/> to keep reading.</returns>
    private bool ProcessReceived(bool filled)
    {
        byte[] receiveBuffer = _receiveBuffer!;
        var buffer = new ReadOnlySequence<byte>(receiveBuffer, 0, _received);
        bool done = ProcessDeferringWrites(ref buffer);

        int remaining = (int)buffer.Length;
        if (remaining > 0 && remaining < _received)
        {
            Buffer.BlockCopy(receiveBuffer, _received - remaining, receiveBuffer, 0, remaining);
        }

        _received = remaining;
        if (done)
        {
            return false;
        }

        if (remaining == 0 && !filled)
        {
            ReturnReceiveBuffer();
        }
        else if (remaining == receiveBuffer.Length && !_readPaused)
        {
            // Cannot happen with frame headers of at most 14 bytes and control frames of at most 139; kept so a full
            // buffer can never stall the loop.
            byte[] larger = ArrayPool<byte>.Shared.Rent(receiveBuffer.Length * 2);
            receiveBuffer.AsSpan(0, remaining).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(receiveBuffer);
            _receiveBuffer = larger;
        }

        return true;
    }

    private void ReturnReceiveBuffer()
    {
        if (_receiveBuffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_receiveBuffer);
            _receiveBuffer = null;
        }
    }

    /// <summary><see cref="ProcessBuffer"/> inside a <see cref="DeferredWriters"/> scope: what one read or receive makes
    /// us send (echo replies, Pongs, a handler's broadcast) starts together once it is processed.</summary>
    /// <returns><see langword="true"/> when the read side is finished (a Close was received).</returns>
    private bool ProcessDeferringWrites(ref ReadOnlySequence<byte> buffer)
    {
        DeferredWriters.Enter();
        try
        {
            return ProcessBuffer(ref buffer);
        }
        finally
        {
            DeferredWriters.Exit();
        }
    }

    /// <summary>Parses every complete piece of <paramref name="buffer"/>; leaves it at the first unconsumed byte.</summary>
    /// <returns><see langword="true"/> when the read side is finished (a Close was received).</returns>
    private bool ProcessBuffer(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            if (_inPayload)
            {
                if (_frameRemaining > 0)
                {
                    if (buffer.IsEmpty)
                    {
                        return false;
                    }

                    ConsumePayload(ref buffer);
                    if (_frameRemaining > 0)
                    {
                        return false;
                    }
                }

                _inPayload = false;
                CompleteDataFrame();
                continue;
            }

            if (buffer.IsEmpty || (_pauseReadingWhenBacklogged && IsBacklogged()))
            {
                _readPaused = !buffer.IsEmpty;
                return false;
            }

            if (_discardAll)
            {
                return DiscardUntilClose(ref buffer);
            }

            FrameDecodeResult result = FrameReader.TryReadHeader(buffer, out FrameHeader header, out WebSocketCloseStatus error);
            if (result == FrameDecodeResult.NeedMoreData)
            {
                return false;
            }

            if (result == FrameDecodeResult.ProtocolError)
            {
                // Frame boundaries are lost: everything after this point is noise until the peer's Close or FIN.
                FailProtocol(error);
                _discardAll = true;
                continue;
            }

            bool validating = _acceptingData;
            if (validating && _validator.OnFrameHeader(header, out error) == FrameDecodeResult.ProtocolError)
            {
                // The header is intact, so its payload can be skipped and a later Close still recognised.
                FailProtocol(error);
                validating = false;
            }

            if (header.IsControl)
            {
                if (header.PayloadLength > MaxControlPayload)
                {
                    _discardAll = true;
                    continue;
                }

                long total = header.HeaderLength + header.PayloadLength;
                if (buffer.Length < total)
                {
                    return false;
                }

                bool closed = HandleControlFrame(header, buffer.Slice(header.HeaderLength, header.PayloadLength), validating);
                buffer = buffer.Slice(total);
                if (closed)
                {
                    return true;
                }

                continue;
            }

            buffer = buffer.Slice(header.HeaderLength);
            _frame = header;
            _frameRemaining = header.PayloadLength;
            _maskIndex = 0;
            _inPayload = true;
            _skipPayload = !validating;
            if (header.Opcode != Opcode.Continuation)
            {
                _messageOpcode = header.Opcode;
            }

            if (validating && header.Fin && header.Opcode != Opcode.Continuation && buffer.Length >= header.PayloadLength)
            {
                DeliverInPlace(ref buffer);
            }
        }
    }

    /// <summary>Fast path: a whole single-frame message is already in the pipe, so it is unmasked in place and
    /// delivered without a copy.</summary>
    private void DeliverInPlace(ref ReadOnlySequence<byte> buffer)
    {
        ReadOnlySequence<byte> payload = buffer.Slice(0, _frame.PayloadLength);
        buffer = buffer.Slice(payload.End);
        _inPayload = false;
        _frameRemaining = 0;
        int maskIndex = 0;
        foreach (ReadOnlyMemory<byte> segment in payload)
        {
            Span<byte> span = MemoryMarshal.AsMemory(segment).Span;
            maskIndex = PayloadMask.Apply(span, _frame.MaskKey, maskIndex);
            if (_validator.OnPayload(span, false, out WebSocketCloseStatus error) == FrameDecodeResult.ProtocolError)
            {
                FailProtocol(error);
                return;
            }
        }

        if (_validator.OnPayload([], true, out WebSocketCloseStatus finalError) == FrameDecodeResult.ProtocolError)
        {
            FailProtocol(finalError);
            return;
        }

        Deliver(payload);
    }

    private void ConsumePayload(ref ReadOnlySequence<byte> buffer)
    {
        int take = (int)Math.Min(_frameRemaining, buffer.Length);
        ReadOnlySequence<byte> chunk = buffer.Slice(0, take);
        buffer = buffer.Slice(chunk.End);
        _frameRemaining -= take;
        if (_skipPayload || !_acceptingData)
        {
            _skipPayload = true;
            return;
        }

        EnsureMessageCapacity(_messageLength + take);
        Span<byte> destination = _messageBuffer.AsSpan(_messageLength, take);
        chunk.CopyTo(destination);
        _maskIndex = PayloadMask.Apply(destination, _frame.MaskKey, _maskIndex);
        _messageLength += take;

        // Fail fast on bad UTF-8 mid-message (Autobahn 6.x), before the rest of the message arrives.
        if (_validator.OnPayload(destination, false, out WebSocketCloseStatus error) == FrameDecodeResult.ProtocolError)
        {
            FailProtocol(error);
            _skipPayload = true;
        }
    }

    private void CompleteDataFrame()
    {
        if (_skipPayload || !_frame.Fin)
        {
            if (_frame.Fin || _skipPayload)
            {
                ResetMessage();
            }

            return;
        }

        if (_validator.OnPayload([], true, out WebSocketCloseStatus error) == FrameDecodeResult.ProtocolError)
        {
            FailProtocol(error);
            ResetMessage();
            return;
        }

        Deliver(new ReadOnlySequence<byte>(_messageBuffer ?? [], 0, _messageLength));
        ResetMessage();
    }

    private void Deliver(ReadOnlySequence<byte> payload)
    {
        if (!_acceptingData)
        {
            return; // after our Close, nothing more is read as data (RFC 6455 §5.5.1)
        }

        WebSocketMessageType type = _messageOpcode == Opcode.Text ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
        try
        {
            _handler.OnMessage(this, type, payload);
        }
        catch (Exception ex)
        {
            TransportLog.UnexpectedError(_logger, Id, "OnMessage", ex);
            CloseWith(new WebSocketCloseInfo(CloseReason.ServerClosed, WebSocketCloseCodes.InternalServerError, "internal error"),
                dropQueued: true);
        }
    }

    /// <returns><see langword="true"/> when the frame was a Close, which ends the read side.</returns>
    private bool HandleControlFrame(in FrameHeader header, ReadOnlySequence<byte> masked, bool validating)
    {
        Span<byte> payload = stackalloc byte[MaxControlPayload];
        payload = payload[..(int)masked.Length];
        masked.CopyTo(payload);
        if (header.Masked)
        {
            PayloadMask.Apply(payload, header.MaskKey, 0);
        }

        switch (header.Opcode)
        {
            case Opcode.Ping when validating:
                // RFC 6455 §5.5.3: the Pong carries the Ping's payload; it may interleave with a fragmented message.
                EnqueueControl(CreateControl(Opcode.Pong, payload));
                return false;
            case Opcode.Pong when validating:
                OnPong(payload);
                return false;
            case Opcode.Close:
                return OnCloseFrame(payload);
            default:
                return false;
        }
    }

    private bool OnCloseFrame(ReadOnlySpan<byte> payload)
    {
        if (!_acceptingData)
        {
            // The reply to our Close (or the peer's Close after our error Close): the handshake is complete.
            return true;
        }

        if (CloseFrame.TryParse(payload, out ushort code, out int reasonOffset, out WebSocketCloseStatus error) == FrameDecodeResult.ProtocolError)
        {
            FailProtocol(error);
            return true;
        }

        string? reason = payload.Length > reasonOffset ? Encoding.UTF8.GetString(payload[reasonOffset..]) : null;

        // RFC 6455 §5.5.1: echo the status code (an empty Close gets an empty one), after data already queued.
        OutboundFrame reply = code == WebSocketCloseCodes.NoStatusReceived
            ? OutboundFrame.CreateEmptyClose()
            : OutboundFrame.CreateClose(code, null);
        CloseWith(new WebSocketCloseInfo(CloseReason.ClientClosed, code, reason), reply, dropQueued: false);
        return true;
    }

    /// <summary>After a framing error we cannot find frame boundaries; skip everything except a Close that starts a
    /// read, then wait for FIN or the close timeout.</summary>
    private static bool DiscardUntilClose(ref ReadOnlySequence<byte> buffer)
    {
        if ((buffer.FirstSpan[0] & 0x0F) == (byte)Opcode.Close &&
            FrameReader.TryReadHeader(buffer, out FrameHeader header, out _) is FrameDecodeResult.Success &&
            buffer.Length >= header.HeaderLength + header.PayloadLength)
        {
            buffer = buffer.Slice(buffer.End);
            return true;
        }

        buffer = buffer.Slice(buffer.End);
        return false;
    }

    private void EnsureMessageCapacity(int needed)
    {
        if (_messageBuffer is null)
        {
            _messageBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(needed, MinMessageBuffer));
            return;
        }

        if (_messageBuffer.Length >= needed)
        {
            return;
        }

        // Grow by doubling, as data arrives, never from the declared length alone: a client that declares 16 MiB and
        // trickles bytes must not make the server allocate 16 MiB up front.
        byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max((long)needed, _messageBuffer.Length * 2L), Array.MaxLength));
        _messageBuffer.AsSpan(0, _messageLength).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_messageBuffer);
        _messageBuffer = larger;
    }

    private void ResetMessage()
    {
        _messageLength = 0;
        ReturnMessageBuffer(); // an idle connection holds no message buffer
    }

    private void ReturnMessageBuffer()
    {
        if (_messageBuffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_messageBuffer);
            _messageBuffer = null;
        }
    }
}
