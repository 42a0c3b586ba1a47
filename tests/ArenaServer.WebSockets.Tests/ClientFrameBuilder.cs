using System.Buffers;

namespace ArenaServer.WebSockets.Tests;

/// <summary>Builds masked client-role frames with our writer, for inbound-path tests.</summary>
internal sealed class ClientFrameBuilder
{
    private readonly ArrayBufferWriter<byte> _output = new();
    private int _nextKey = 0x5EED1234;

    public ReadOnlySpan<byte> WrittenSpan => _output.WrittenSpan;

    public byte[] ToArray() => _output.WrittenSpan.ToArray();

    public ClientFrameBuilder Frame(bool fin, Opcode opcode, ReadOnlySpan<byte> payload, byte rsv = 0, bool masked = true)
    {
        int key = _nextKey;
        _nextKey = unchecked((_nextKey * 31) + 7);
        Span<byte> header = stackalloc byte[FrameWriter.MaxHeaderSize];
        int headerLength = FrameWriter.WriteHeader(header, fin, opcode, payload.Length, masked ? key : null);
        header[0] |= rsv;
        _output.Write(header[..headerLength]);
        Span<byte> body = _output.GetSpan(payload.Length)[..payload.Length];
        payload.CopyTo(body);
        if (masked)
        {
            PayloadMask.Apply(body, key, 0);
        }

        _output.Advance(payload.Length);
        return this;
    }
}
