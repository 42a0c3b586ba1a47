using System.Buffers;
using ArenaServer.MessagePack.Tests.Model;
using ArenaServer.Tests;

namespace ArenaServer.MessagePack.Tests;

/// <summary>Success paths allocate nothing (CONVENTIONS.md §7), except <see cref="MessagePackReader.TryReadString"/>
/// which returns a new string; checked on one segment and on one byte per segment (the slow paths).</summary>
public sealed class MessagePackAllocationTests
{
    private static readonly byte[] s_message = TestValueCodec.Encode(TestValue.Arr(
        TestValue.Int(-5), TestValue.Int(ulong.MaxValue), TestValue.F32(1.25f), TestValue.F64(Math.E),
        TestValue.Str("héllo wörld 😀"), TestValue.Bin([1, 2, 3]), TestValue.Ext(9, [4, 5]),
        TestValue.Timestamp(1_700_000_000, 123_456_789), TestValue.Map((TestValue.Str("k"), TestValue.Nil)),
        TestValue.Bool(true), TestValue.Arr(TestValue.Int(1), TestValue.Str("skipped"))));

    [Fact]
    public void TryRead_EveryFamilyOnSuccessPath_AllocatesNothing()
    {
        foreach (ReadOnlySequence<byte> sequence in new[] { new ReadOnlySequence<byte>(s_message), TestSequence.OneBytePerSegment(s_message) })
        {
            ReadAll(sequence);
            long before = GC.GetAllocatedBytesForCurrentThread();
            bool ok = ReadAll(sequence);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(ok);
            Assert.Equal(0, allocated);
        }
    }

    [Fact]
    public void Write_EveryFamilyIntoSizedBuffer_AllocatesNothing()
    {
        var output = new ArrayBufferWriter<byte>(4096);
        WriteAll(output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        WriteAll(output);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(s_message, output.WrittenSpan.ToArray());
    }

    private static bool ReadAll(ReadOnlySequence<byte> sequence)
    {
        var r = new MessagePackReader(sequence);
        return r.TryReadArrayHeader(out int count) && count == 11 &&
            r.TryReadInt32(out _) && r.TryReadUInt64(out _) && r.TryReadSingle(out _) && r.TryReadDouble(out _) &&
            r.TryReadStringSequence(out _) && r.TryReadBinary(out _) && r.TryReadExtension(out _, out _) &&
            r.TryReadTimestamp(out DateTime _) && r.TryReadMapHeader(out _) && r.TryReadStringSequence(out _) &&
            r.TryReadNil() && r.TryReadBoolean(out _) && r.TryReadRaw(out _) && r.End;
    }

    private static void WriteAll(ArrayBufferWriter<byte> output)
    {
        output.ResetWrittenCount();
        var w = new MessagePackWriter(output);
        w.WriteArrayHeader(11);
        w.Write(-5);
        w.Write(ulong.MaxValue);
        w.Write(1.25f);
        w.Write(Math.E);
        w.WriteString("héllo wörld 😀");
        w.WriteBinary([1, 2, 3]);
        w.WriteExtension(9, [4, 5]);
        w.WriteTimestamp(1_700_000_000, 123_456_789);
        w.WriteMapHeader(1);
        w.WriteStringUtf8("k"u8);
        w.WriteNil();
        w.Write(true);
        w.WriteArrayHeader(2);
        w.Write(1);
        w.WriteString("skipped".AsSpan());
        w.Flush();
    }
}
