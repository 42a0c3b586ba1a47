using System.Buffers;

namespace ArenaServer.WebSockets.Tests;

/// <summary>
/// A miniature server read loop over the codec, as the transport uses it: header, validator, cap, unmask each segment
/// in place carrying the mask index, UTF-8 per chunk, then whole messages and control frames.
/// </summary>
internal static class ClientFrameStream
{
    public static Parsed Parse(ReadOnlySequence<byte> input, long maxMessageSize = 1 << 20)
    {
        var validator = new MessageValidator(maxMessageSize);
        var items = new List<(Opcode Opcode, byte[] Payload)>();
        var message = new List<byte>();
        while (!input.IsEmpty)
        {
            FrameDecodeResult result = FrameReader.TryReadHeader(input, out FrameHeader header, out WebSocketCloseStatus error);
            if (result == FrameDecodeResult.NeedMoreData)
            {
                return new Parsed(items, null, NeedMoreData: true);
            }

            if (result == FrameDecodeResult.Success)
            {
                result = validator.OnFrameHeader(header, out error);
            }

            if (result != FrameDecodeResult.Success)
            {
                return new Parsed(items, error, NeedMoreData: false);
            }

            if (input.Length < header.HeaderLength + header.PayloadLength)
            {
                return new Parsed(items, null, NeedMoreData: true);
            }

            byte[] payload = new byte[header.PayloadLength];
            int offset = 0;
            int maskIndex = 0;
            foreach (ReadOnlyMemory<byte> segment in input.Slice(header.HeaderLength, header.PayloadLength))
            {
                Span<byte> chunk = payload.AsSpan(offset, segment.Length);
                segment.Span.CopyTo(chunk);
                maskIndex = PayloadMask.Apply(chunk, header.MaskKey, maskIndex);
                offset += segment.Length;
                if (!header.IsControl &&
                    validator.OnPayload(chunk, header.Fin && offset == payload.Length, out error) != FrameDecodeResult.Success)
                {
                    return new Parsed(items, error, NeedMoreData: false);
                }
            }

            input = input.Slice(header.HeaderLength + header.PayloadLength);
            if (header.IsControl)
            {
                if (header.Opcode == Opcode.Close && CloseFrame.TryParse(payload, out _, out _, out error) != FrameDecodeResult.Success)
                {
                    return new Parsed(items, error, NeedMoreData: false);
                }

                items.Add((header.Opcode, payload));
                continue;
            }

            message.AddRange(payload);
            if (header.Fin)
            {
                items.Add((validator.MessageOpcode, message.ToArray()));
                message.Clear();
            }
        }

        return new Parsed(items, null, NeedMoreData: validator.InMessage);
    }

    public sealed record Parsed(List<(Opcode Opcode, byte[] Payload)> Items, WebSocketCloseStatus? Error, bool NeedMoreData);
}
