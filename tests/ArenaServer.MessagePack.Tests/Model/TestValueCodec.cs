using System.Buffers;

namespace ArenaServer.MessagePack.Tests.Model;

/// <summary>Writes and reads <see cref="TestValue"/> trees with our codec, using only its public API.</summary>
internal static class TestValueCodec
{
    public static byte[] Encode(TestValue value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(ref MessagePackWriter writer, TestValue value)
    {
        switch (value.Kind)
        {
            case TestValueKind.Nil:
                writer.WriteNil();
                break;
            case TestValueKind.Boolean:
                writer.Write(value.Boolean);
                break;
            case TestValueKind.Integer:
                if (value.Integer < 0)
                {
                    writer.Write((long)value.Integer);
                }
                else
                {
                    writer.Write((ulong)value.Integer);
                }

                break;
            case TestValueKind.Float32:
                writer.Write((float)value.Float);
                break;
            case TestValueKind.Float64:
                writer.Write(value.Float);
                break;
            case TestValueKind.String:
                writer.WriteString(value.Text);
                break;
            case TestValueKind.Binary:
                writer.WriteBinary(value.Bytes);
                break;
            case TestValueKind.Array:
                writer.WriteArrayHeader(value.Items.Length);
                foreach (TestValue item in value.Items)
                {
                    Write(ref writer, item);
                }

                break;
            case TestValueKind.Map:
                writer.WriteMapHeader(value.Entries.Length);
                foreach ((TestValue key, TestValue item) in value.Entries)
                {
                    Write(ref writer, key);
                    Write(ref writer, item);
                }

                break;
            case TestValueKind.Extension:
                writer.WriteExtension(value.ExtensionType, value.Bytes);
                break;
            default:
                writer.WriteTimestamp(value.Seconds, value.Nanoseconds);
                break;
        }
    }

    /// <summary>Decodes exactly one value that must fill <paramref name="sequence"/>.</summary>
    public static TestValue Decode(ReadOnlySequence<byte> sequence, MessagePackReaderOptions? options = null)
    {
        var reader = new MessagePackReader(sequence, options);
        if (!TryRead(ref reader, out TestValue? value))
        {
            throw new InvalidOperationException($"decode failed: {reader.Error} at {reader.Consumed}");
        }

        if (!reader.End)
        {
            throw new InvalidOperationException($"{reader.Remaining} bytes left over");
        }

        return value;
    }

    public static TestValue Decode(byte[] bytes) => Decode(new ReadOnlySequence<byte>(bytes));

    public static bool TryRead(ref MessagePackReader reader, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TestValue? value)
    {
        value = null;
        if (!reader.TryPeekType(out MessagePackType type))
        {
            return false;
        }

        switch (type)
        {
            case MessagePackType.Nil:
                if (!reader.TryReadNil())
                {
                    return false;
                }

                value = TestValue.Nil;
                return true;
            case MessagePackType.Boolean:
                if (!reader.TryReadBoolean(out bool b))
                {
                    return false;
                }

                value = TestValue.Bool(b);
                return true;
            case MessagePackType.Integer:
                if (reader.TryReadInt64(out long signed))
                {
                    value = TestValue.Int(signed);
                    return true;
                }

                if (!reader.TryReadUInt64(out ulong unsigned))
                {
                    return false;
                }

                value = TestValue.Int(unsigned);
                return true;
            case MessagePackType.Float:
                return TryReadFloat(ref reader, out value);
            case MessagePackType.String:
                if (!reader.TryReadString(out string? text))
                {
                    return false;
                }

                value = TestValue.Str(text!);
                return true;
            case MessagePackType.Binary:
                if (!reader.TryReadBinary(out ReadOnlySequence<byte> bytes))
                {
                    return false;
                }

                value = TestValue.Bin(bytes.ToArray());
                return true;
            case MessagePackType.Array:
                return TryReadArray(ref reader, out value);
            case MessagePackType.Map:
                return TryReadMap(ref reader, out value);
            case MessagePackType.Extension:
                return TryReadExtension(ref reader, out value);
            default:
                return false;
        }
    }

    private static bool TryReadFloat(ref MessagePackReader reader, out TestValue? value)
    {
        value = null;

        // The public API reads both widths into double; the format byte tells which one was on the wire.
        bool isSingle = reader.Sequence.Slice(reader.Position).FirstSpan[0] == 0xca;
        if (isSingle)
        {
            if (!reader.TryReadSingle(out float single))
            {
                return false;
            }

            value = TestValue.F32(single);
            return true;
        }

        if (!reader.TryReadDouble(out double d))
        {
            return false;
        }

        value = TestValue.F64(d);
        return true;
    }

    private static bool TryReadArray(ref MessagePackReader reader, out TestValue? value)
    {
        value = null;
        if (!reader.TryReadArrayHeader(out int count))
        {
            return false;
        }

        var items = new TestValue[count];
        for (int i = 0; i < count; i++)
        {
            if (!TryRead(ref reader, out TestValue? item))
            {
                return false;
            }

            items[i] = item;
        }

        value = TestValue.Arr(items);
        return true;
    }

    private static bool TryReadMap(ref MessagePackReader reader, out TestValue? value)
    {
        value = null;
        if (!reader.TryReadMapHeader(out int count))
        {
            return false;
        }

        var entries = new (TestValue, TestValue)[count];
        for (int i = 0; i < count; i++)
        {
            if (!TryRead(ref reader, out TestValue? key) || !TryRead(ref reader, out TestValue? item))
            {
                return false;
            }

            entries[i] = (key, item);
        }

        value = TestValue.Map(entries);
        return true;
    }

    private static bool TryReadExtension(ref MessagePackReader reader, out TestValue? value)
    {
        value = null;
        MessagePackReader probe = reader;
        if (!probe.TryReadExtension(out ExtensionHeader header, out ReadOnlySequence<byte> data))
        {
            // Fails the same way on the real reader, so its Error reports why (and it consumes nothing).
            return reader.TryReadExtension(out _, out _) && false;
        }

        // Type -1 with another length is no timestamp form (spec.md); it stays a plain extension value.
        if (header.TypeCode == -1 && header.Length is 4 or 8 or 12)
        {
            if (!reader.TryReadTimestamp(out long seconds, out uint nanoseconds))
            {
                return false;
            }

            value = TestValue.Timestamp(seconds, nanoseconds);
            return true;
        }

        reader = probe;
        value = TestValue.Ext(header.TypeCode, data.ToArray());
        return true;
    }
}
