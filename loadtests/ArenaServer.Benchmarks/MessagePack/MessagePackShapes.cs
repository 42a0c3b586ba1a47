using System.Buffers;
using ArenaServer.MessagePack;

namespace ArenaServer.Benchmarks.MessagePack;

/// <summary>The benchmarked shapes in MessagePack: a snapshot is an array of players, each the positional array
/// <c>[id, x, y, vx, vy, angle, score, name, flags]</c>; an input is <c>[3, seq, lastTick, tag, [dx, dy]]</c>.</summary>
public static class MessagePackShapes
{
    public static void WriteSnapshot(ref MessagePackWriter writer, PlayerState[] players, byte[][] namesUtf8)
    {
        writer.WriteArrayHeader(players.Length);
        for (int i = 0; i < players.Length; i++)
        {
            ref PlayerState p = ref players[i];
            writer.WriteArrayHeader(9);
            writer.Write(p.Id);
            writer.Write(p.X);
            writer.Write(p.Y);
            writer.Write(p.Vx);
            writer.Write(p.Vy);
            writer.Write(p.Angle);
            writer.Write(p.Score);
            writer.WriteStringUtf8(namesUtf8[i]);
            writer.Write(p.Flags);
        }
    }

    /// <summary>Decodes into <paramref name="players"/>; a name equal to the one already held is kept, so a steady
    /// snapshot stream allocates nothing.</summary>
    public static bool TryReadSnapshot(ref MessagePackReader reader, PlayerState[] players, byte[][] namesUtf8)
    {
        if (!reader.TryReadArrayHeader(out int count) || count > players.Length)
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            ref PlayerState p = ref players[i];
            if (!reader.TryReadArrayHeader(out int fields) || fields < 9 ||
                !reader.TryReadInt32(out p.Id) || !reader.TryReadSingle(out p.X) || !reader.TryReadSingle(out p.Y) ||
                !reader.TryReadSingle(out p.Vx) || !reader.TryReadSingle(out p.Vy) ||
                !reader.TryReadSingle(out p.Angle) || !reader.TryReadInt32(out p.Score) ||
                !reader.TryReadStringSequence(out ReadOnlySequence<byte> name) || !reader.TryReadByte(out p.Flags) ||
                !reader.TrySkipValues(fields - 9))
            {
                return false;
            }

            if (!SameBytes(name, namesUtf8[i]))
            {
                namesUtf8[i] = name.ToArray();
                p.Name = System.Text.Encoding.UTF8.GetString(namesUtf8[i]);
            }
        }

        return true;
    }

    private static bool SameBytes(in ReadOnlySequence<byte> bytes, ReadOnlySpan<byte> expected)
    {
        if (bytes.IsSingleSegment)
        {
            return bytes.FirstSpan.SequenceEqual(expected);
        }

        if (bytes.Length != expected.Length)
        {
            return false;
        }

        foreach (ReadOnlyMemory<byte> segment in bytes)
        {
            if (!segment.Span.SequenceEqual(expected[..segment.Length]))
            {
                return false;
            }

            expected = expected[segment.Length..];
        }

        return true;
    }

    public static void WriteInput(ref MessagePackWriter writer, in InputState input)
    {
        writer.WriteArrayHeader(5);
        writer.Write(3);
        writer.Write(input.Seq);
        writer.Write(input.LastTick);
        writer.Write(input.Tag);
        writer.WriteArrayHeader(2);
        writer.Write(input.Dx);
        writer.Write(input.Dy);
    }

    public static bool TryReadInput(ref MessagePackReader reader, out InputState input)
    {
        input = default;
        return reader.TryReadArrayHeader(out int count) && count >= 5 &&
            reader.TryReadByte(out byte kind) && kind == 3 &&
            reader.TryReadUInt32(out input.Seq) && reader.TryReadUInt32(out input.LastTick) &&
            reader.TryReadByte(out input.Tag) &&
            reader.TryReadArrayHeader(out int moveCount) && moveCount == 2 &&
            reader.TryReadSByte(out input.Dx) && reader.TryReadSByte(out input.Dy) &&
            reader.TrySkipValues(count - 5);
    }
}
