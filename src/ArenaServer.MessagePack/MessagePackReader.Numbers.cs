using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ArenaServer.MessagePack.Internal;

namespace ArenaServer.MessagePack;

public ref partial struct MessagePackReader
{
    /// <summary>The longest integer or float encoding: a format byte and 8 bytes.</summary>
    private const int MaxNumberLength = 9;

    /// <summary>Reads an integer of any width into an <see cref="sbyte"/>.</summary>
    /// <param name="value">The value read.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.Overflow"/> when the value does not fit.</returns>
    public bool TryReadSByte(out sbyte value)
    {
        bool ok = TryReadIntegerInRange(sbyte.MinValue, sbyte.MaxValue, out long raw);
        value = (sbyte)raw;
        return ok;
    }

    /// <summary>Reads an integer of any width into a <see cref="byte"/>.</summary>
    /// <param name="value">The value read.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.Overflow"/> when the value does not fit.</returns>
    public bool TryReadByte(out byte value)
    {
        bool ok = TryReadIntegerInRange(byte.MinValue, byte.MaxValue, out long raw);
        value = (byte)raw;
        return ok;
    }

    /// <summary>Reads an integer of any width into a <see cref="short"/>.</summary>
    /// <param name="value">The value read.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.Overflow"/> when the value does not fit.</returns>
    public bool TryReadInt16(out short value)
    {
        bool ok = TryReadIntegerInRange(short.MinValue, short.MaxValue, out long raw);
        value = (short)raw;
        return ok;
    }

    /// <summary>Reads an integer of any width into a <see cref="ushort"/>.</summary>
    /// <param name="value">The value read.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.Overflow"/> when the value does not fit.</returns>
    public bool TryReadUInt16(out ushort value)
    {
        bool ok = TryReadIntegerInRange(ushort.MinValue, ushort.MaxValue, out long raw);
        value = (ushort)raw;
        return ok;
    }

    /// <summary>Reads an integer of any width into an <see cref="int"/>.</summary>
    /// <param name="value">The value read.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.Overflow"/> when the value does not fit.</returns>
    public bool TryReadInt32(out int value)
    {
        bool ok = TryReadIntegerInRange(int.MinValue, int.MaxValue, out long raw);
        value = (int)raw;
        return ok;
    }

    /// <summary>Reads an integer of any width into a <see cref="uint"/>.</summary>
    /// <param name="value">The value read.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.Overflow"/> when the value does not fit.</returns>
    public bool TryReadUInt32(out uint value)
    {
        bool ok = TryReadIntegerInRange(uint.MinValue, uint.MaxValue, out long raw);
        value = (uint)raw;
        return ok;
    }

    /// <summary>Reads an integer of any width into a <see cref="long"/>.</summary>
    /// <param name="value">The value read.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.Overflow"/> for a uint64 above <see cref="long.MaxValue"/>.</returns>
    public bool TryReadInt64(out long value)
        => TryReadIntegerInRange(long.MinValue, long.MaxValue, out value);

    /// <summary>Reads an integer of any width into a <see cref="ulong"/>.</summary>
    /// <param name="value">The value read.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.Overflow"/> for a negative value.</returns>
    public bool TryReadUInt64(out ulong value)
    {
        DecodeError error = PeekInteger(out long raw, out bool aboveInt64, out int length);
        if (error == DecodeError.None && !aboveInt64 && raw < 0)
        {
            error = DecodeError.Overflow;
        }

        if (error != DecodeError.None)
        {
            value = 0;
            return Fail(error);
        }

        value = (ulong)raw;
        return Commit(length);
    }

    /// <summary>Reads a float32, a float64 that converts to <see cref="float"/> exactly, or an integer that
    /// <see cref="float"/> represents exactly.</summary>
    /// <param name="value">The value read.</param>
    /// <returns><see langword="false"/> with <see cref="DecodeError.Overflow"/> when the conversion would lose precision.</returns>
    public bool TryReadSingle(out float value)
    {
        // Fast path for the common case, a whole float32 in the current span.
        ReadOnlySpan<byte> span = _reader.UnreadSpan;
        if (span.Length >= 5 && span[0] == MessagePackCode.Float32)
        {
            value = BinaryPrimitives.ReadSingleBigEndian(span[1..]);
            return Commit(5);
        }

        DecodeError error = PeekNumber(out double floating, out bool isSingle, out long integer, out bool isInteger,
            out bool aboveInt64, out int length);
        value = 0;
        if (error != DecodeError.None)
        {
            return Fail(error);
        }

        if (isInteger)
        {
            // JavaScript encoders write whole numbers as integers, so a float field may arrive as one.
            if (!IntegerFitsSingle(integer, aboveInt64, out value))
            {
                return Fail(DecodeError.Overflow);
            }
        }
        else
        {
            value = (float)floating;
            if (!isSingle && value != floating && !double.IsNaN(floating))
            {
                return Fail(DecodeError.Overflow);
            }
        }

        return Commit(length);
    }

    /// <summary>Reads a float32, a float64 or an integer of any width (rounded to the nearest <see cref="double"/>).</summary>
    /// <param name="value">The value read.</param>
    /// <returns>Whether a number was consumed.</returns>
    public bool TryReadDouble(out double value)
    {
        DecodeError error = PeekNumber(out value, out _, out long integer, out bool isInteger, out bool aboveInt64,
            out int length);
        if (error != DecodeError.None)
        {
            value = 0;
            return Fail(error);
        }

        if (isInteger)
        {
            value = aboveInt64 ? (ulong)integer : integer;
        }

        return Commit(length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReadIntegerInRange(long min, long max, out long value)
    {
        DecodeError error = PeekInteger(out value, out bool aboveInt64, out int length);
        if (error == DecodeError.None && (aboveInt64 || value < min || value > max))
        {
            error = DecodeError.Overflow;
        }

        if (error != DecodeError.None)
        {
            value = 0;
            return Fail(error);
        }

        return Commit(length);
    }

    private static bool IntegerFitsSingle(long integer, bool aboveInt64, out float value)
    {
        if (aboveInt64)
        {
            ulong unsigned = (ulong)integer;
            value = unsigned;

            // 2^64 itself is a float but not a ulong; the cast back saturates, so compare ranges first.
            return value < 18446744073709551616f && (ulong)value == unsigned;
        }

        value = integer;
        return value < 9223372036854775808f && (long)value == integer;
    }

    /// <summary>Decodes the integer at the reader's position without consuming it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly DecodeError PeekInteger(out long value, out bool aboveInt64, out int length)
    {
        ReadOnlySpan<byte> span = _reader.UnreadSpan;
        DecodeError error = DecodeInteger(span, out value, out aboveInt64, out length);
        if (error == DecodeError.NeedMoreData && _reader.Remaining > span.Length)
        {
            error = PeekIntegerSlow(in _reader, out value, out aboveInt64, out length);
        }

        return error;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DecodeError PeekIntegerSlow(in SequenceReader<byte> reader, out long value, out bool aboveInt64,
        out int length)
    {
        Span<byte> scratch = stackalloc byte[MaxNumberLength];
        return DecodeInteger(CopyAhead(in reader, scratch), out value, out aboveInt64, out length);
    }

    /// <summary>Decodes the number (integer or float) at the reader's position without consuming it.</summary>
    private readonly DecodeError PeekNumber(out double floating, out bool isSingle, out long integer,
        out bool isInteger, out bool aboveInt64, out int length)
    {
        ReadOnlySpan<byte> span = _reader.UnreadSpan;
        DecodeError error = DecodeNumber(span, out floating, out isSingle, out integer, out isInteger, out aboveInt64,
            out length);
        if (error == DecodeError.NeedMoreData && _reader.Remaining > span.Length)
        {
            error = PeekNumberSlow(in _reader, out floating, out isSingle, out integer, out isInteger, out aboveInt64,
                out length);
        }

        return error;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DecodeError PeekNumberSlow(in SequenceReader<byte> reader, out double floating, out bool isSingle,
        out long integer, out bool isInteger, out bool aboveInt64, out int length)
    {
        Span<byte> scratch = stackalloc byte[MaxNumberLength];
        return DecodeNumber(CopyAhead(in reader, scratch), out floating, out isSingle, out integer, out isInteger,
            out aboveInt64, out length);
    }

    private static DecodeError DecodeNumber(ReadOnlySpan<byte> span, out double floating, out bool isSingle,
        out long integer, out bool isInteger, out bool aboveInt64, out int length)
    {
        floating = 0;
        isSingle = false;
        integer = 0;
        isInteger = false;
        aboveInt64 = false;
        length = 0;
        if (span.IsEmpty)
        {
            return DecodeError.NeedMoreData;
        }

        switch (span[0])
        {
            case MessagePackCode.Float32:
                if (span.Length < 5)
                {
                    return DecodeError.NeedMoreData;
                }

                floating = BinaryPrimitives.ReadSingleBigEndian(span[1..]);
                isSingle = true;
                length = 5;
                return DecodeError.None;
            case MessagePackCode.Float64:
                if (span.Length < 9)
                {
                    return DecodeError.NeedMoreData;
                }

                floating = BinaryPrimitives.ReadDoubleBigEndian(span[1..]);
                length = 9;
                return DecodeError.None;
            default:
                isInteger = true;
                return DecodeInteger(span, out integer, out aboveInt64, out length);
        }
    }

    /// <summary>Decodes any integer format. A uint64 above <see cref="long.MaxValue"/> comes back as its bit pattern
    /// with <paramref name="aboveInt64"/> set, so callers report overflow instead of truncating.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DecodeError DecodeInteger(ReadOnlySpan<byte> span, out long value, out bool aboveInt64,
        out int length)
    {
        aboveInt64 = false;
        if (span.IsEmpty)
        {
            value = 0;
            length = 0;
            return DecodeError.NeedMoreData;
        }

        byte code = span[0];
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            value = code;
            length = 1;
            return DecodeError.None;
        }

        if (code >= MessagePackCode.MinNegativeFixInt)
        {
            value = (sbyte)code;
            length = 1;
            return DecodeError.None;
        }

        return DecodeIntegerWide(span, code, out value, out aboveInt64, out length);
    }

    private static DecodeError DecodeIntegerWide(ReadOnlySpan<byte> span, byte code, out long value,
        out bool aboveInt64, out int length)
    {
        value = 0;
        aboveInt64 = false;
        switch (code)
        {
            case MessagePackCode.UInt8 when span.Length >= 2:
                value = span[1];
                length = 2;
                break;
            case MessagePackCode.Int8 when span.Length >= 2:
                value = (sbyte)span[1];
                length = 2;
                break;
            case MessagePackCode.UInt16 when span.Length >= 3:
                value = BinaryPrimitives.ReadUInt16BigEndian(span[1..]);
                length = 3;
                break;
            case MessagePackCode.Int16 when span.Length >= 3:
                value = BinaryPrimitives.ReadInt16BigEndian(span[1..]);
                length = 3;
                break;
            case MessagePackCode.UInt32 when span.Length >= 5:
                value = BinaryPrimitives.ReadUInt32BigEndian(span[1..]);
                length = 5;
                break;
            case MessagePackCode.Int32 when span.Length >= 5:
                value = BinaryPrimitives.ReadInt32BigEndian(span[1..]);
                length = 5;
                break;
            case MessagePackCode.UInt64 when span.Length >= 9:
                value = BinaryPrimitives.ReadInt64BigEndian(span[1..]);
                aboveInt64 = value < 0;
                length = 9;
                break;
            case MessagePackCode.Int64 when span.Length >= 9:
                value = BinaryPrimitives.ReadInt64BigEndian(span[1..]);
                length = 9;
                break;
            case >= MessagePackCode.UInt8 and <= MessagePackCode.Int64:
                length = 0;
                return DecodeError.NeedMoreData;
            default:
                length = 0;
                return MismatchFor(code);
        }

        return DecodeError.None;
    }
}
