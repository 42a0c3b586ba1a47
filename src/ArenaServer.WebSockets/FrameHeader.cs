namespace ArenaServer.WebSockets;

/// <summary>A decoded frame header (RFC 6455 §5.2).</summary>
/// <param name="Fin">The FIN bit: this frame ends its message.</param>
/// <param name="Rsv">The RSV1–RSV3 bits in place (<c>byte0 &amp; 0b0111_0000</c>); non-zero is an error without extensions.</param>
/// <param name="Opcode">The frame opcode.</param>
/// <param name="Masked">The MASK bit; client-to-server frames must set it (§5.1).</param>
/// <param name="MaskKey">
/// The masking key in network order: mask byte <c>j</c> is <c>(byte)(MaskKey &gt;&gt; (24 - 8 * j))</c>. Pass it unchanged to
/// <see cref="PayloadMask.Apply"/>. Zero when <paramref name="Masked"/> is clear.
/// </param>
/// <param name="PayloadLength">The payload length in bytes (0 to 2^63 - 1).</param>
/// <param name="HeaderLength">The header length in bytes (2 to 14); the payload starts here.</param>
public readonly record struct FrameHeader(bool Fin, byte Rsv, Opcode Opcode, bool Masked, int MaskKey, long PayloadLength, int HeaderLength)
{
    /// <summary>Gets whether this is a control frame (opcode high bit set, RFC 6455 §5.5).</summary>
    public bool IsControl => ((byte)Opcode & 0b_1000) != 0;
}
