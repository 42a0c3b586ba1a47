using System.Buffers;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol;

/// <summary>Decodes one whole WebSocket message into an <see cref="Envelope"/> (proto/PROTOCOL.md §4).</summary>
/// <remarks>Pure and non-throwing: every failure is an <see cref="EnvelopeStatus"/>. Each strict prefix of a valid
/// envelope reads as <see cref="EnvelopeStatus.NeedMoreData"/>. Elements after the fields a kind defines are
/// skipped (validated against the limits), so newer peers may append fields; bytes after the envelope array are
/// <see cref="EnvelopeStatus.TrailingBytes"/>.</remarks>
public static partial class EnvelopeReader
{
    /// <summary>Reads an envelope a client sent: kinds 1–7; any other kind is <see cref="EnvelopeStatus.UnknownKind"/>.</summary>
    /// <param name="message">One whole message (a binary frame, or a text frame after JSON transcoding).</param>
    /// <param name="options">Limits for untrusted input; <see cref="MessagePackReaderOptions.Default"/> when null.</param>
    /// <param name="envelope">The envelope when the result is <see cref="EnvelopeStatus.Success"/>.</param>
    /// <returns>The outcome.</returns>
    public static EnvelopeStatus ReadFromClient(in ReadOnlySequence<byte> message, MessagePackReaderOptions? options,
        out Envelope envelope)
        => Read(message, options, clientKinds: true, out envelope);

    /// <summary>Reads an envelope the server sent: kinds 64–73; any other kind is <see cref="EnvelopeStatus.UnknownKind"/>.</summary>
    /// <param name="message">One whole message.</param>
    /// <param name="options">Limits; <see cref="MessagePackReaderOptions.Default"/> when null.</param>
    /// <param name="envelope">The envelope when the result is <see cref="EnvelopeStatus.Success"/>.</param>
    /// <returns>The outcome.</returns>
    public static EnvelopeStatus ReadFromServer(in ReadOnlySequence<byte> message, MessagePackReaderOptions? options,
        out Envelope envelope)
        => Read(message, options, clientKinds: false, out envelope);

    private static EnvelopeStatus Read(in ReadOnlySequence<byte> message, MessagePackReaderOptions? options,
        bool clientKinds, out Envelope envelope)
    {
        envelope = default;
        options ??= MessagePackReaderOptions.Default;
        var reader = new MessagePackReader(message, options);
        if (!reader.TryPeekType(out MessagePackType type))
        {
            return StatusOf(reader.Error);
        }

        if (type != MessagePackType.Array)
        {
            return type == MessagePackType.Unknown ? EnvelopeStatus.Malformed : EnvelopeStatus.NotAnArray;
        }

        if (!reader.TryReadArrayHeader(out int count))
        {
            return StatusOf(reader.Error);
        }

        if (count == 0)
        {
            return EnvelopeStatus.NotAnArray;
        }

        var fields = new Fields(count - 1, NestedOptions.For(options));
        EnvelopeStatus status = ReadKind(ref reader, out EnvelopeKind kind);
        if (status != EnvelopeStatus.Success)
        {
            return status;
        }

        if (clientKinds ? !kind.IsClientToServer() : !kind.IsServerToClient())
        {
            return EnvelopeStatus.UnknownKind;
        }

        status = clientKinds
            ? ReadClientFields(ref reader, ref fields, kind, out envelope)
            : ReadServerFields(ref reader, ref fields, kind, out envelope);
        if (status != EnvelopeStatus.Success)
        {
            envelope = default;
            return status;
        }

        // Unknown trailing fields from newer peers are skipped, still within the limits (PROTOCOL.md §4.1).
        if (fields.Remaining > 0)
        {
            status = fields.SkipRest(ref reader);
            if (status != EnvelopeStatus.Success)
            {
                envelope = default;
                return status;
            }
        }

        if (!reader.End)
        {
            envelope = default;
            return EnvelopeStatus.TrailingBytes;
        }

        return EnvelopeStatus.Success;
    }

    private static EnvelopeStatus ReadKind(ref MessagePackReader reader, out EnvelopeKind kind)
    {
        kind = default;
        if (!reader.TryPeekType(out MessagePackType type))
        {
            return StatusOf(reader.Error);
        }

        if (type != MessagePackType.Integer)
        {
            return type == MessagePackType.Unknown ? EnvelopeStatus.Malformed : EnvelopeStatus.InvalidKind;
        }

        if (!reader.TryReadInt64(out long value))
        {
            return reader.Error == DecodeError.Overflow ? EnvelopeStatus.InvalidKind : StatusOf(reader.Error);
        }

        if (value is < 0 or > EnvelopeKinds.MaxKind)
        {
            return EnvelopeStatus.InvalidKind;
        }

        kind = (EnvelopeKind)value;
        return EnvelopeStatus.Success;
    }

    /// <summary>Maps a codec error to an envelope status.</summary>
    internal static EnvelopeStatus StatusOf(DecodeError error) => error switch
    {
        DecodeError.NeedMoreData => EnvelopeStatus.NeedMoreData,
        DecodeError.TypeMismatch or DecodeError.Overflow => EnvelopeStatus.InvalidField,
        DecodeError.DepthExceeded => EnvelopeStatus.DepthExceeded,
        DecodeError.LengthExceeded => EnvelopeStatus.LengthExceeded,
        _ => EnvelopeStatus.Malformed,
    };
}
