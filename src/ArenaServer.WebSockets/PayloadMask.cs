using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ArenaServer.WebSockets;

/// <summary>XORs payloads with a masking key (RFC 6455 §5.3), vectorised, continuing across segments.</summary>
public static class PayloadMask
{
    /// <summary>Masks or unmasks <paramref name="payload"/> in place.</summary>
    /// <param name="payload">The bytes to transform; masking is its own inverse.</param>
    /// <param name="maskKey">The key as in <see cref="FrameHeader.MaskKey"/> (network order).</param>
    /// <param name="maskIndex">The key byte (0–3) that applies to <c>payload[0]</c>: 0 at the start of a payload.</param>
    /// <returns>The mask index for the byte after <paramref name="payload"/>; pass it with the next segment.</returns>
    public static int Apply(Span<byte> payload, int maskKey, int maskIndex)
    {
        maskIndex &= 3;
        if (payload.IsEmpty)
        {
            return maskIndex;
        }

        // Rotate so that the key byte for payload[0] comes first, then view the 4 bytes in memory order: XOR-ing a
        // native-endian read of 4 payload bytes with this value applies key bytes j, j+1, j+2, j+3 in sequence.
        uint networkOrder = BitOperations.RotateLeft((uint)maskKey, 8 * maskIndex);
        uint mask = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(networkOrder) : networkOrder;

        ref byte start = ref MemoryMarshal.GetReference(payload);
        nuint length = (nuint)payload.Length;
        nuint i = 0;
        if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<byte>.Count)
        {
            Vector256<byte> maskVector = Vector256.Create(mask).AsByte();
            nuint last = length - (nuint)Vector256<byte>.Count;
            for (; i <= last; i += (nuint)Vector256<byte>.Count)
            {
                (Vector256.LoadUnsafe(ref start, i) ^ maskVector).StoreUnsafe(ref start, i);
            }
        }

        if (Vector128.IsHardwareAccelerated && length - i >= (nuint)Vector128<byte>.Count)
        {
            Vector128<byte> maskVector = Vector128.Create(mask).AsByte();
            nuint last = length - (nuint)Vector128<byte>.Count;
            for (; i <= last; i += (nuint)Vector128<byte>.Count)
            {
                (Vector128.LoadUnsafe(ref start, i) ^ maskVector).StoreUnsafe(ref start, i);
            }
        }

        // Vector widths are multiples of 4, so the key phase is unchanged here.
        for (; length - i >= 4; i += 4)
        {
            ref byte at = ref Unsafe.Add(ref start, i);
            Unsafe.WriteUnaligned(ref at, Unsafe.ReadUnaligned<uint>(ref at) ^ mask);
        }

        uint tail = mask;
        for (; i < length; i++)
        {
            Unsafe.Add(ref start, i) ^= BitConverter.IsLittleEndian ? (byte)tail : (byte)(tail >> 24);
            tail = BitConverter.IsLittleEndian ? tail >> 8 : tail << 8;
        }

        return (maskIndex + payload.Length) & 3;
    }
}
