using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ArenaServer.MessagePack.Internal;

namespace ArenaServer.MessagePack;

public ref partial struct MessagePackWriter
{
    /// <summary>Writes an integer in its shortest encoding.</summary>
    /// <param name="value">The value.</param>
    public void Write(sbyte value) => Write((long)value);

    /// <summary>Writes an integer in its shortest encoding.</summary>
    /// <param name="value">The value.</param>
    public void Write(byte value) => Write((ulong)value);

    /// <summary>Writes an integer in its shortest encoding.</summary>
    /// <param name="value">The value.</param>
    public void Write(short value) => Write((long)value);

    /// <summary>Writes an integer in its shortest encoding.</summary>
    /// <param name="value">The value.</param>
    public void Write(ushort value) => Write((ulong)value);

    /// <summary>Writes an integer in its shortest encoding.</summary>
    /// <param name="value">The value.</param>
    public void Write(int value) => Write((long)value);

    /// <summary>Writes an integer in its shortest encoding.</summary>
    /// <param name="value">The value.</param>
    public void Write(uint value) => Write((ulong)value);

    /// <summary>Writes an integer in its shortest encoding: non-negative values use fixint or the uint family,
    /// negative values negative fixint or the int family.</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(long value)
    {
        if (value >= 0)
        {
            Write((ulong)value);
        }
        else if (value >= -32)
        {
            WriteCode(unchecked((byte)value));
        }
        else
        {
            WriteNegative(value);
        }
    }

    /// <summary>Writes an integer in its shortest encoding: fixint, uint8, uint16, uint32 or uint64.</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            WriteCode((byte)value);
        }
        else
        {
            WriteUnsignedWide(value);
        }
    }

    /// <summary>Writes a float32. Use <see cref="Write(double)"/> for float64; the caller's type picks the width.</summary>
    /// <param name="value">The value.</param>
    public void Write(float value)
    {
        Span<byte> span = GetSpan(5);
        span[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
        Advance(5);
    }

    /// <summary>Writes a float64.</summary>
    /// <param name="value">The value.</param>
    public void Write(double value)
    {
        Span<byte> span = GetSpan(9);
        span[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        Advance(9);
    }

    private void WriteUnsignedWide(ulong value)
    {
        Span<byte> span = GetSpan(9);
        int length;
        if (value <= byte.MaxValue)
        {
            span[0] = MessagePackCode.UInt8;
            span[1] = (byte)value;
            length = 2;
        }
        else if (value <= ushort.MaxValue)
        {
            span[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            length = 3;
        }
        else if (value <= uint.MaxValue)
        {
            span[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            length = 5;
        }
        else
        {
            span[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            length = 9;
        }

        Advance(length);
    }

    private void WriteNegative(long value)
    {
        Span<byte> span = GetSpan(9);
        int length;
        if (value >= sbyte.MinValue)
        {
            span[0] = MessagePackCode.Int8;
            span[1] = unchecked((byte)value);
            length = 2;
        }
        else if (value >= short.MinValue)
        {
            span[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            length = 3;
        }
        else if (value >= int.MinValue)
        {
            span[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            length = 5;
        }
        else
        {
            span[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            length = 9;
        }

        Advance(length);
    }
}
