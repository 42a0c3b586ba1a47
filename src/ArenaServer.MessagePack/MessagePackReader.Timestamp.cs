using System.Buffers.Binary;
using ArenaServer.MessagePack.Internal;

namespace ArenaServer.MessagePack;

public ref partial struct MessagePackReader
{
    /// <summary>The largest timestamp encoding: ext8 header (3 bytes) and the 96-bit form (12 bytes).</summary>
    private const int MaxTimestampLength = 15;

    private const uint NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Reads a timestamp extension (type −1) in any of its three forms (spec.md, "Timestamp extension type").</summary>
    /// <param name="seconds">Seconds since 1970-01-01T00:00:00Z; negative before the epoch.</param>
    /// <param name="nanoseconds">The nanoseconds within that second, below 1,000,000,000.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.TypeMismatch"/> for another type or a data length
    /// other than 4, 8 or 12, or <see cref="DecodeError.Overflow"/> for nanoseconds of a second or more.</returns>
    public bool TryReadTimestamp(out long seconds, out uint nanoseconds)
    {
        DecodeError error = PeekTimestamp(out seconds, out nanoseconds, out int length);
        if (error != DecodeError.None)
        {
            seconds = 0;
            nanoseconds = 0;
            return Fail(error);
        }

        return Commit(length);
    }

    /// <summary>Reads a timestamp extension as a UTC <see cref="DateTime"/>, truncated to its 100 ns ticks.</summary>
    /// <param name="utc">The instant, with <see cref="DateTimeKind.Utc"/>.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.Overflow"/> when the instant lies outside the
    /// range of <see cref="DateTime"/>.</returns>
    public bool TryReadTimestamp(out DateTime utc)
    {
        utc = default;
        DecodeError error = PeekTimestamp(out long seconds, out uint nanoseconds, out int length);
        if (error != DecodeError.None)
        {
            return Fail(error);
        }

        long minSeconds = (DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;
        long maxSeconds = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;
        if (seconds < minSeconds || seconds > maxSeconds)
        {
            return Fail(DecodeError.Overflow);
        }

        long ticks = DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100);
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return Commit(length);
    }

    private readonly DecodeError PeekTimestamp(out long seconds, out uint nanoseconds, out int length)
    {
        seconds = 0;
        nanoseconds = 0;
        length = 0;
        DecodeError error = PeekPayload(MessagePackType.Extension, out ValueHeader header);
        if (error != DecodeError.None)
        {
            return error;
        }

        if (header.ExtensionType != MessagePackCode.TimestampType || header.Length is not (4 or 8 or 12))
        {
            return DecodeError.TypeMismatch;
        }

        length = header.HeaderLength + (int)header.Length;
        Span<byte> scratch = stackalloc byte[MaxTimestampLength];
        scoped ReadOnlySpan<byte> span = _reader.UnreadSpan;
        if (span.Length < length)
        {
            span = CopyAhead(in _reader, scratch);
        }

        ReadOnlySpan<byte> data = span.Slice(header.HeaderLength, (int)header.Length);
        switch (data.Length)
        {
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(data);
                return DecodeError.None;
            case 8:
                // timestamp 64: 30-bit nanoseconds, then 34-bit unsigned seconds.
                ulong packed = BinaryPrimitives.ReadUInt64BigEndian(data);
                nanoseconds = (uint)(packed >> 34);
                seconds = (long)(packed & 0x3_ffff_ffffUL);
                break;
            default:
                nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(data);
                seconds = BinaryPrimitives.ReadInt64BigEndian(data[4..]);
                break;
        }

        return nanoseconds < NanosecondsPerSecond ? DecodeError.None : DecodeError.Overflow;
    }
}
