using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ArenaServer.MessagePack.Internal;

/// <summary>Validates UTF-8 that may straddle segments, without allocating.</summary>
internal static class Utf8Validator
{
    public static bool IsValid(in ReadOnlySequence<byte> sequence)
    {
        if (sequence.IsSingleSegment)
        {
            return Utf8.IsValid(sequence.FirstSpan);
        }

        // A scalar split across segments is completed byte by byte in `pending`; everything else is validated
        // with the vectorized single-span check.
        Span<byte> pending = stackalloc byte[4];
        int pendingLength = 0;
        foreach (ReadOnlyMemory<byte> memory in sequence)
        {
            ReadOnlySpan<byte> span = memory.Span;
            while (pendingLength > 0 && !span.IsEmpty)
            {
                pending[pendingLength++] = span[0];
                span = span[1..];
                OperationStatus status = Rune.DecodeFromUtf8(pending[..pendingLength], out _, out _);
                if (status == OperationStatus.Done)
                {
                    pendingLength = 0;
                }
                else if (status != OperationStatus.NeedMoreData || pendingLength == 4)
                {
                    return false;
                }
            }

            if (span.IsEmpty)
            {
                continue;
            }

            int tail = IncompleteTailLength(span);
            if (!Utf8.IsValid(span[..^tail]))
            {
                return false;
            }

            if (tail > 0)
            {
                ReadOnlySpan<byte> rest = span[^tail..];
                if (Rune.DecodeFromUtf8(rest, out _, out _) != OperationStatus.NeedMoreData)
                {
                    return false;
                }

                rest.CopyTo(pending);
                pendingLength = tail;
            }
        }

        return pendingLength == 0;
    }

    /// <summary>The length of a multi-byte sequence at the end of <paramref name="span"/> that starts but does not
    /// finish there (0 when the span ends on a boundary).</summary>
    private static int IncompleteTailLength(ReadOnlySpan<byte> span)
    {
        for (int back = 1; back <= 3 && back <= span.Length; back++)
        {
            byte b = span[^back];
            if ((b & 0b_1100_0000) == 0b_1000_0000)
            {
                continue; // continuation byte: keep looking for the lead byte
            }

            int needed = b switch
            {
                >= 0b_1111_0000 => 4,
                >= 0b_1110_0000 => 3,
                >= 0b_1100_0000 => 2,
                _ => 1,
            };
            return needed > back ? back : 0;
        }

        return 0;
    }
}
