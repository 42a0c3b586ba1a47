using System.Buffers;
using System.Buffers.Binary;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Internal;

/// <summary>The three layouts of the MessagePack timestamp extension (type −1, msgpack spec "Timestamp extension
/// type") and which one is canonical: the shortest that holds the value.</summary>
internal static class TimestampLayout
{
    public const sbyte ExtensionType = -1;
    private const long MaxSeconds64 = (1L << 34) - 1; // timestamp 64 keeps seconds in 34 bits
    private const uint NanosPerSecond = 1_000_000_000;

    /// <summary>Decodes <paramref name="data"/> when it is a valid timestamp in its canonical layout.</summary>
    public static bool TryDecodeCanonical(in ReadOnlySequence<byte> data, out long seconds, out uint nanoseconds)
    {
        seconds = 0;
        nanoseconds = 0;
        Span<byte> bytes = stackalloc byte[12];
        if (data.Length is not (4 or 8 or 12))
        {
            return false;
        }

        data.CopyTo(bytes);
        switch (data.Length)
        {
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(bytes);
                return true;
            case 8:
                ulong packed = BinaryPrimitives.ReadUInt64BigEndian(bytes);
                nanoseconds = (uint)(packed >> 34);
                seconds = (long)(packed & MaxSeconds64);
                return nanoseconds < NanosPerSecond && (nanoseconds != 0 || seconds > uint.MaxValue);
            default:
                nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(bytes);
                seconds = BinaryPrimitives.ReadInt64BigEndian(bytes[4..]);
                return nanoseconds < NanosPerSecond && (seconds < 0 || seconds > MaxSeconds64);
        }
    }

    /// <summary>Writes a timestamp in its canonical layout; false when <paramref name="nanoseconds"/> is a second or more.</summary>
    public static bool TryWriteCanonical(ref MessagePackWriter writer, long seconds, long nanoseconds)
    {
        if (nanoseconds is < 0 or >= NanosPerSecond)
        {
            return false;
        }

        // Pooled rather than stack memory: the writer's span parameters are not scoped.
        byte[] rented = ArrayPool<byte>.Shared.Rent(12);
        Span<byte> bytes = rented.AsSpan(0, 12);
        if (nanoseconds == 0 && seconds >= 0 && seconds <= uint.MaxValue)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)seconds);
            writer.WriteExtension(ExtensionType, bytes[..4]);
        }
        else if (seconds >= 0 && seconds <= MaxSeconds64)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes, ((ulong)nanoseconds << 34) | (ulong)seconds);
            writer.WriteExtension(ExtensionType, bytes[..8]);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)nanoseconds);
            BinaryPrimitives.WriteInt64BigEndian(bytes[4..], seconds);
            writer.WriteExtension(ExtensionType, bytes);
        }

        ArrayPool<byte>.Shared.Return(rented);
        return true;
    }
}
