namespace ArenaServer.WebSockets;

/// <summary>
/// Per-connection state for the inbound frame stream in the server role: masking, RSV, fragmentation (RFC 6455 §5.4),
/// the message size cap and text-message UTF-8 (§8.1).
/// </summary>
/// <remarks>
/// Call <see cref="OnFrameHeader"/> for every frame. For data frames (not control frames), pass the unmasked payload to
/// <see cref="OnPayload"/> in order, with <c>isFinalChunkOfMessage</c> set on the last chunk of a FIN frame; a FIN frame
/// with an empty payload may be passed as an empty final chunk, or not at all (its header completes the message).
/// Single-threaded: the read loop owns it.
/// </remarks>
public struct MessageValidator
{
    private readonly long _maxMessageSize;
    private Utf8StreamValidator _utf8;
    private bool _inMessage;
    private Opcode _messageOpcode;
    private long _messageLength;

    /// <summary>Creates a validator.</summary>
    /// <param name="maxMessageSize">The largest message (sum of its fragments' payloads) accepted; larger ones are 1009.</param>
    public MessageValidator(long maxMessageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMessageSize);
        _maxMessageSize = maxMessageSize;
    }

    /// <summary>Gets whether a data message has started and its final payload has not yet been seen.</summary>
    public readonly bool InMessage => _inMessage;

    /// <summary>Gets the opcode (<see cref="Opcode.Text"/> or <see cref="Opcode.Binary"/>) of the current or last message.</summary>
    public readonly Opcode MessageOpcode => _messageOpcode;

    /// <summary>Gets the payload length declared so far by the current or last message's frame headers.</summary>
    public readonly long MessageLength => _messageLength;

    /// <summary>Checks the next frame header in sequence.</summary>
    /// <param name="header">The header from <see cref="FrameReader.TryReadHeader(System.Buffers.ReadOnlySequence{byte}, out FrameHeader, out WebSocketCloseStatus)"/>.</param>
    /// <param name="error">1002, 1007 or 1009 with a reason on <see cref="FrameDecodeResult.ProtocolError"/>.</param>
    /// <returns><see cref="FrameDecodeResult.Success"/> or <see cref="FrameDecodeResult.ProtocolError"/>.</returns>
    public FrameDecodeResult OnFrameHeader(in FrameHeader header, out WebSocketCloseStatus error)
    {
        error = default;

        // §5.1: a server MUST close the connection upon receiving an unmasked frame.
        if (!header.Masked)
        {
            return Fail(out error, WebSocketCloseCodes.ProtocolError, "client frame is not masked");
        }

        // §5.2: RSV bits MUST be 0 unless an extension defining them was negotiated; we negotiate none.
        if (header.Rsv != 0)
        {
            return Fail(out error, WebSocketCloseCodes.ProtocolError, "reserved bits set without an extension");
        }

        if (header.IsControl)
        {
            // §5.5: control frames may interleave with fragments, but never exceed 125 bytes or fragment themselves.
            return header.PayloadLength > FrameWriter.MaxControlPayloadLength || !header.Fin
                ? Fail(out error, WebSocketCloseCodes.ProtocolError, "invalid control frame")
                : FrameDecodeResult.Success;
        }

        if (header.Opcode == Opcode.Continuation)
        {
            if (!_inMessage)
            {
                return Fail(out error, WebSocketCloseCodes.ProtocolError, "continuation frame without a message");
            }
        }
        else
        {
            if (_inMessage)
            {
                return Fail(out error, WebSocketCloseCodes.ProtocolError, "new message inside a fragmented message");
            }

            _inMessage = true;
            _messageOpcode = header.Opcode;
            _messageLength = 0;
            _utf8.Reset();
        }

        // §10.4 / CONVENTIONS §20: the cap is decided from the header, before any payload is buffered.
        if (header.PayloadLength > _maxMessageSize - _messageLength)
        {
            return Fail(out error, WebSocketCloseCodes.MessageTooBig, "message too big");
        }

        _messageLength += header.PayloadLength;

        // A FIN frame with no payload ends the message here, so an open character is caught even if no empty chunk follows.
        return header.Fin && header.PayloadLength == 0 ? Complete(ReadOnlySpan<byte>.Empty, out error) : FrameDecodeResult.Success;
    }

    /// <summary>Checks the next unmasked chunk of the current data message.</summary>
    /// <param name="unmaskedChunk">The payload bytes, in order.</param>
    /// <param name="isFinalChunkOfMessage">Whether this is the last chunk of the message's FIN frame.</param>
    /// <param name="error">1007 with a reason when a text message is not UTF-8.</param>
    /// <returns><see cref="FrameDecodeResult.Success"/> or <see cref="FrameDecodeResult.ProtocolError"/>.</returns>
    public FrameDecodeResult OnPayload(ReadOnlySpan<byte> unmaskedChunk, bool isFinalChunkOfMessage, out WebSocketCloseStatus error)
    {
        error = default;
        if (!_inMessage)
        {
            // Only an empty chunk after a message already completed by its empty FIN frame is legitimate here.
            return unmaskedChunk.IsEmpty
                ? FrameDecodeResult.Success
                : Fail(out error, WebSocketCloseCodes.ProtocolError, "payload outside a message");
        }

        if (isFinalChunkOfMessage)
        {
            return Complete(unmaskedChunk, out error);
        }

        return _messageOpcode == Opcode.Text && !_utf8.TryAppend(unmaskedChunk, isFinal: false)
            ? Fail(out error, WebSocketCloseCodes.InvalidPayloadData, "text message is not valid UTF-8")
            : FrameDecodeResult.Success;
    }

    private FrameDecodeResult Complete(ReadOnlySpan<byte> lastChunk, out WebSocketCloseStatus error)
    {
        error = default;
        _inMessage = false;
        return _messageOpcode == Opcode.Text && !_utf8.TryAppend(lastChunk, isFinal: true)
            ? Fail(out error, WebSocketCloseCodes.InvalidPayloadData, "text message is not valid UTF-8")
            : FrameDecodeResult.Success;
    }

    private static FrameDecodeResult Fail(out WebSocketCloseStatus error, ushort code, string reason)
    {
        error = new WebSocketCloseStatus(code, reason);
        return FrameDecodeResult.ProtocolError;
    }
}
