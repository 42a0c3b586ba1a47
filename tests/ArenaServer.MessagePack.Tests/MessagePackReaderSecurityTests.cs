using System.Buffers;
using ArenaServer.Tests;

namespace ArenaServer.MessagePack.Tests;

/// <summary>Hostile input: every rejection is a classification, never an exception, consumes nothing, and allocates
/// nothing in proportion to what the input declares (CONVENTIONS.md §9, §44).</summary>
public sealed class MessagePackReaderSecurityTests
{
    public static TheoryData<string> HugeArrayOrMapHeaders => new()
    {
        "ddffffffff", // array32 declaring 4,294,967,295 elements
        "dd80000000",
        "dfffffffff", // map32 declaring 4,294,967,295 entries
        "dcffff",     // array16 above MaxCollectionLength
        "deffff",
    };

    public static TheoryData<string> HugeByteLengths => new()
    {
        "dbffffffff",   // str32 declaring 4 GiB
        "c6ffffffff",   // bin32 declaring 4 GiB
        "c9ffffffff01", // ext32 declaring 4 GiB
        "db80000000",   // 2 GiB: just above int.MaxValue
        "c67fffffff",   // int.MaxValue itself: header plus payload would not fit an int
    };

    public static TheoryData<string> InvalidUtf8Strings => new()
    {
        "a2c080",       // overlong encoding of U+0000
        "a3eda080",     // UTF-16 surrogate U+D800 encoded as UTF-8
        "a2e282",       // truncated 3-byte sequence
        "a1ff",         // byte never valid in UTF-8
        "a180",         // lone continuation byte
        "a4f4908080",   // above U+10FFFF
        "a5f888808080", // 5-byte form
        "a661e282ac62e2", // valid prefix, then a dangling lead byte at the end
    };

    [Theory]
    [MemberData(nameof(HugeArrayOrMapHeaders))]
    [Trait("Category", "Security")]
    [Trait("CWE", "770")]
    public void TryReadHeader_HugeDeclaredCount_LengthExceededWithoutAllocating(string hex)
    {
        byte[] input = Convert.FromHexString(hex);
        ReaderCall readHeader = input[0] is 0xdc or 0xdd
            ? static (ref MessagePackReader r) => r.TryReadArrayHeader(out _)
            : static (ref MessagePackReader r) => r.TryReadMapHeader(out _);
        AssertRejected(input, readHeader, DecodeError.LengthExceeded);
        AssertRejected(input, static (ref MessagePackReader r) => r.TrySkip(), DecodeError.LengthExceeded);
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "770")]
    public void TryReadArrayHeader_CountAboveRemainingBytes_NeedMoreData()
    {
        // 100 elements need at least 100 bytes; a caller must not be told to expect them from 3 bytes.
        AssertRejected(Convert.FromHexString("dc0064010203"), static (ref MessagePackReader r) => r.TryReadArrayHeader(out _),
            DecodeError.NeedMoreData);

        // A map of 2 entries needs at least 4 more bytes.
        AssertRejected(Convert.FromHexString("82010203"), static (ref MessagePackReader r) => r.TryReadMapHeader(out _),
            DecodeError.NeedMoreData);
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "770")]
    public void TryReadArrayHeader_AboveCustomLimit_LengthExceeded()
    {
        var options = new MessagePackReaderOptions { MaxCollectionLength = 4 };
        var reader = new MessagePackReader(Convert.FromHexString("950102030405"), options);
        Assert.False(reader.TryReadArrayHeader(out _));
        Assert.Equal(DecodeError.LengthExceeded, reader.Error);
        Assert.Equal(0, reader.Consumed);

        reader = new MessagePackReader(Convert.FromHexString("9401020304"), options);
        Assert.True(reader.TryReadArrayHeader(out int count));
        Assert.Equal(4, count);
    }

    [Theory]
    [MemberData(nameof(HugeByteLengths))]
    [Trait("Category", "Security")]
    [Trait("CWE", "770")]
    public void TryRead_HugeDeclaredByteLength_RejectedWithoutAllocating(string hex)
    {
        // The header alone is present, followed by a little data: nothing may be sized from the declared length.
        byte[] input = [.. Convert.FromHexString(hex), .. new byte[64]];
        ReaderCall read = input[0] switch
        {
            0xdb => static (ref MessagePackReader r) => r.TryReadString(out _),
            0xc6 => static (ref MessagePackReader r) => r.TryReadBinary(out _),
            _ => static (ref MessagePackReader r) => r.TryReadExtension(out _, out _),
        };
        AssertRejected(input, read, DecodeError.LengthExceeded);
        AssertRejected(input, static (ref MessagePackReader r) => r.TrySkip(), DecodeError.LengthExceeded);
        AssertRejected(input, static (ref MessagePackReader r) => r.TryReadRaw(out _), DecodeError.LengthExceeded);
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "770")]
    public void TryReadString_DeclaredLengthAboveRemaining_NeedMoreDataWithoutAllocating()
    {
        // str32 of 1 GiB with 10 bytes present: a truncated value, refused before any string is built.
        byte[] input = [0xdb, 0x40, 0x00, 0x00, 0x00, .. "0123456789"u8];
        AssertRejected(input, static (ref MessagePackReader r) => r.TryReadString(out _), DecodeError.NeedMoreData);
        AssertRejected(input, static (ref MessagePackReader r) => r.TryReadStringSequence(out _), DecodeError.NeedMoreData);
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "674")]
    public void TrySkip_TenThousandNestedArrays_DepthExceededWithoutAllocating()
    {
        byte[] input = [.. Enumerable.Repeat((byte)0x91, 10_000), 0xc0];
        foreach (ReadOnlySequence<byte> sequence in new[] { new ReadOnlySequence<byte>(input), TestSequence.Split(input, 5_000) })
        {
            AssertRejected(sequence, static (ref MessagePackReader r) => r.TrySkip(), DecodeError.DepthExceeded);
            AssertRejected(sequence, static (ref MessagePackReader r) => r.TryReadRaw(out _), DecodeError.DepthExceeded);
        }
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "674")]
    public void TrySkip_NestingAtAndAboveMaxDepth_OnlyDeeperRejected()
    {
        var options = new MessagePackReaderOptions { MaxDepth = 32 };
        byte[] atLimit = [.. Enumerable.Repeat(new byte[] { 0x81, 0xa1, 0x6b }, 31).SelectMany(b => b), 0x90]; // 31 maps + 1 array
        var reader = new MessagePackReader(atLimit, options);
        Assert.True(reader.TrySkip(), reader.Error.ToString());
        Assert.True(reader.End);

        byte[] aboveLimit = [.. Enumerable.Repeat((byte)0x91, 33), 0xc0];
        reader = new MessagePackReader(aboveLimit, options);
        Assert.False(reader.TrySkip());
        Assert.Equal(DecodeError.DepthExceeded, reader.Error);

        // Even the largest allowed depth cannot be pushed into a stack overflow.
        reader = new MessagePackReader(Enumerable.Repeat((byte)0x91, 10_000).Append((byte)0xc0).ToArray(),
            new MessagePackReaderOptions { MaxDepth = 1000 });
        Assert.False(reader.TrySkip());
        Assert.Equal(DecodeError.DepthExceeded, reader.Error);
    }

    [Theory]
    [InlineData("cd01")]                   // uint16 missing a byte
    [InlineData("cb3ff00000")]             // float64 missing 4 bytes
    [InlineData("a5616263")]               // fixstr of 5 with 3 bytes
    [InlineData("c40a0102")]               // bin8 of 10 with 2 bytes
    [InlineData("d7ff00000000")]           // timestamp 64 missing 4 bytes
    [InlineData("c70cff0000")]             // timestamp 96 missing 10 bytes
    [InlineData("930102a3")]               // array of 3 whose last element (a fixstr of 3) is cut
    [Trait("Category", "Security")]
    [Trait("CWE", "20")]
    public void TrySkip_TruncatedValue_NeedMoreDataConsumesNothing(string hex)
    {
        byte[] input = Convert.FromHexString(hex);
        AssertRejected(input, static (ref MessagePackReader r) => r.TrySkip(), DecodeError.NeedMoreData);
        AssertRejected(TestSequence.OneBytePerSegment(input), static (ref MessagePackReader r) => r.TrySkip(), DecodeError.NeedMoreData);
    }

    [Theory]
    [MemberData(nameof(InvalidUtf8Strings))]
    [Trait("Category", "Security")]
    [Trait("CWE", "20")]
    public void TryReadString_InvalidUtf8_InvalidUtf8ConsumesNothing(string hex)
    {
        byte[] input = Convert.FromHexString(hex);
        var sequences = new List<ReadOnlySequence<byte>> { new(input), TestSequence.OneBytePerSegment(input) };
        for (int cut = 1; cut < input.Length; cut++)
        {
            sequences.Add(TestSequence.Split(input, cut));
        }

        foreach (ReadOnlySequence<byte> sequence in sequences)
        {
            var reader = new MessagePackReader(sequence);
            Assert.False(reader.TryReadString(out string? value));
            Assert.Null(value);
            Assert.Equal(DecodeError.InvalidUtf8, reader.Error);
            Assert.Equal(0, reader.Consumed);
            Assert.False(reader.TryReadStringSequence(out _));
            Assert.Equal(DecodeError.InvalidUtf8, reader.Error);
            Assert.Equal(0, reader.Consumed);
        }
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "20")]
    public void TryRead_NeverUsedCode_InvalidCode()
    {
        var reader = new MessagePackReader(new byte[] { 0xc1 });
        Assert.True(reader.TryPeekType(out MessagePackType type));
        Assert.Equal(MessagePackType.Unknown, type);
        Assert.False(reader.TrySkip());
        Assert.Equal(DecodeError.InvalidCode, reader.Error);
        Assert.False(reader.TryReadInt32(out _));
        Assert.Equal(DecodeError.InvalidCode, reader.Error);
        Assert.False(reader.TryReadNil());
        Assert.Equal(DecodeError.InvalidCode, reader.Error);
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "20")]
    public void TryReadTimestamp_NanosecondsOfOneSecondOrMore_Overflow()
    {
        // timestamp 96 with nsec = 1,000,000,000 (0x3b9aca00).
        var reader = new MessagePackReader(Convert.FromHexString("c70cff3b9aca000000000000000001"));
        Assert.False(reader.TryReadTimestamp(out long _, out uint _));
        Assert.Equal(DecodeError.Overflow, reader.Error);
        Assert.Equal(0, reader.Consumed);
    }

    private delegate bool ReaderCall(ref MessagePackReader reader);

    private static void AssertRejected(byte[] input, ReaderCall call, DecodeError expected)
        => AssertRejected(new ReadOnlySequence<byte>(input), call, expected);

    /// <summary>Asserts that <paramref name="call"/> fails with <paramref name="expected"/>, consumes nothing and
    /// allocates nothing. Allocation is measured on a second run, so one-time costs (JIT, static initialization)
    /// are excluded, and only around the call: xunit's assertions allocate themselves.</summary>
    private static void AssertRejected(ReadOnlySequence<byte> input, ReaderCall call, DecodeError expected)
    {
        var reader = new MessagePackReader(input);
        call(ref reader);

        reader = new MessagePackReader(input);
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool ok = call(ref reader);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(ok);
        Assert.Equal(expected, reader.Error);
        Assert.Equal(0, reader.Consumed);
        Assert.Equal(0, allocated);
    }
}
