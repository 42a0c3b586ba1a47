using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Tests;

/// <summary>Seeded random MessagePack values in canonical form, covering every family and the JSON-form corner
/// cases (tag-like and index-like keys, integral and non-finite floats, timestamps in all layouts).</summary>
internal sealed class RandomValues(int seed)
{
    private static readonly string[] s_keys = ["a", "b", "$bin", "$x", "0", "1", "01", "10", "__proto__", "", "é", "x y"];
    private static readonly long[] s_integers =
    [
        0, 1, 127, 128, 255, 256, 65535, 65536, uint.MaxValue, 1L + uint.MaxValue, (1L << 53) - 1, 1L << 53,
        long.MaxValue, -1, -32, -33, -128, -129, -32768, -32769, int.MinValue, int.MinValue - 1L, -(1L << 53) + 1,
        -(1L << 53), long.MinValue,
    ];

    private readonly Random _random = new(seed);

    public byte[] Next(int maxDepth = 5)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        Write(ref writer, maxDepth);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    private void Write(ref MessagePackWriter writer, int depth)
    {
        int choice = _random.Next(depth > 0 ? 14 : 11);
        switch (choice)
        {
            case 0:
                writer.WriteNil();
                break;
            case 1:
                writer.Write(_random.Next(2) == 1);
                break;
            case 2:
                writer.Write(s_integers[_random.Next(s_integers.Length)]);
                break;
            case 3:
                if (_random.Next(2) == 0)
                {
                    writer.Write(ulong.MaxValue - (ulong)_random.Next(1000));
                }
                else
                {
                    writer.Write(_random.NextInt64(long.MinValue, long.MaxValue));
                }

                break;
            case 4:
                writer.Write(NextFloat());
                break;
            case 5:
                writer.Write(NextDouble());
                break;
            case 6:
                writer.WriteString(NextString());
                break;
            case 7:
                byte[] bytes = new byte[_random.Next(0, 300)];
                _random.NextBytes(bytes);
                writer.WriteBinary(bytes);
                break;
            case 8:
                byte[] data = new byte[new[] { 0, 1, 2, 3, 4, 8, 16, 17, 300 }[_random.Next(9)]];
                _random.NextBytes(data);
                writer.WriteExtension((sbyte)_random.Next(-128, 128), data);
                break;
            case 9:
            case 10:
                WriteTimestamp(ref writer);
                break;
            case 11:
            case 12:
                int count = _random.Next(0, 20);
                writer.WriteArrayHeader(count);
                for (int i = 0; i < count; i++)
                {
                    Write(ref writer, depth - 1);
                }

                break;
            default:
                int entries = _random.Next(0, 8);
                writer.WriteMapHeader(entries);
                for (int i = 0; i < entries; i++)
                {
                    if (_random.Next(4) == 0)
                    {
                        Write(ref writer, depth - 1); // any key type
                    }
                    else
                    {
                        writer.WriteString(s_keys[_random.Next(s_keys.Length)] + (_random.Next(3) == 0 ? i.ToString() : string.Empty));
                    }

                    Write(ref writer, depth - 1);
                }

                break;
        }
    }

    private void WriteTimestamp(ref MessagePackWriter writer)
    {
        // All three layouts, canonical or not, and an invalid one (nanoseconds ≥ 10^9 in timestamp 64).
        byte[] data;
        switch (_random.Next(5))
        {
            case 0:
                data = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(data, (uint)_random.NextInt64(0, uint.MaxValue));
                break;
            case 1:
                data = new byte[8];
                ulong nanos = (ulong)_random.Next(0, 1_000_000_000);
                ulong seconds = (ulong)_random.NextInt64(0, 1L << 34);
                BinaryPrimitives.WriteUInt64BigEndian(data, (nanos << 34) | seconds);
                break;
            case 2:
                data = new byte[12];
                BinaryPrimitives.WriteUInt32BigEndian(data, (uint)_random.Next(0, 1_000_000_000));
                BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(4), _random.NextInt64(-(1L << 53), 1L << 53));
                break;
            case 3:
                data = new byte[12];
                BinaryPrimitives.WriteUInt32BigEndian(data, (uint)_random.Next(0, 1_000_000_000));
                BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(4), _random.NextInt64(long.MinValue, long.MaxValue));
                break;
            default:
                data = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(data, (1_000_000_005UL << 34) | 5);
                break;
        }

        writer.WriteExtension(-1, data);
    }

    private float NextFloat() => _random.Next(8) switch
    {
        0 => float.NaN,
        1 => _random.Next(2) == 0 ? float.PositiveInfinity : float.NegativeInfinity,
        2 => -0.0f,
        3 => (float)_random.Next(-1000, 1000),
        4 => float.Epsilon,
        _ => BitConverter.Int32BitsToSingle(_random.Next()) is var f && float.IsFinite(f) ? f : 1.25f,
    };

    private double NextDouble() => _random.Next(8) switch
    {
        0 => double.NaN,
        1 => _random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
        2 => -0.0,
        3 => _random.Next(-1000, 1000),
        4 => _random.NextDouble() * Math.Pow(10, _random.Next(-300, 300)),
        _ => BitConverter.Int64BitsToDouble(_random.NextInt64()) is var d && double.IsFinite(d) ? d : 0.5,
    };

    private string NextString()
    {
        int length = _random.Next(0, 40);
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            text.Append(_random.Next(6) switch
            {
                0 => (char)_random.Next(0, 32),     // control characters: JSON escapes
                1 => "\"\\/$"[_random.Next(4)],
                2 => (char)_random.Next(0x80, 0x800),
                3 => "😀",
                _ => (char)_random.Next(32, 127),
            });
        }

        return text.ToString();
    }
}
