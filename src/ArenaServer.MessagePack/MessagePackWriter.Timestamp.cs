using System.Buffers.Binary;
using ArenaServer.MessagePack.Internal;

namespace ArenaServer.MessagePack;

public ref partial struct MessagePackWriter
{
    /// <summary>Writes a timestamp extension (type −1) in the shortest of its three forms: 32-bit when there are no
    /// nanoseconds and the seconds fit in 32 unsigned bits, 64-bit while the seconds fit in 34 unsigned bits, else
    /// 96-bit (spec.md, "Timestamp extension type").</summary>
    /// <param name="seconds">Seconds since 1970-01-01T00:00:00Z; negative before the epoch.</param>
    /// <param name="nanoseconds">Nanoseconds within the second, below 1,000,000,000.</param>
    public void WriteTimestamp(long seconds, uint nanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nanoseconds, 1_000_000_000u);
        Span<byte> span = GetSpan(15);
        sbyte type = MessagePackCode.TimestampType;
        if ((ulong)seconds >> 34 == 0)
        {
            if (nanoseconds == 0 && seconds <= uint.MaxValue)
            {
                span[0] = MessagePackCode.FixExt4;
                span[1] = unchecked((byte)type);
                BinaryPrimitives.WriteUInt32BigEndian(span[2..], (uint)seconds);
                Advance(6);
                return;
            }

            span[0] = MessagePackCode.FixExt8;
            span[1] = unchecked((byte)type);
            BinaryPrimitives.WriteUInt64BigEndian(span[2..], ((ulong)nanoseconds << 34) | (ulong)seconds);
            Advance(10);
            return;
        }

        span[0] = MessagePackCode.Ext8;
        span[1] = 12;
        span[2] = unchecked((byte)type);
        BinaryPrimitives.WriteUInt32BigEndian(span[3..], nanoseconds);
        BinaryPrimitives.WriteInt64BigEndian(span[7..], seconds);
        Advance(15);
    }

    /// <summary>Writes a <see cref="DateTime"/> as a timestamp extension, to 100 ns precision. A local time is
    /// converted to UTC; an unspecified kind is taken as UTC.</summary>
    /// <param name="utc">The instant.</param>
    public void WriteTimestamp(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            utc = utc.ToUniversalTime();
        }

        long ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            // Before the epoch the seconds round down and the nanoseconds stay positive.
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        WriteTimestamp(seconds, (uint)(remainder * 100));
    }
}
