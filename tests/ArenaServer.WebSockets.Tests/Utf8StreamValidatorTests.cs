using System.Buffers;
using System.Text.Unicode;

namespace ArenaServer.WebSockets.Tests;

public class Utf8StreamValidatorTests
{
    // Autobahn 6.x style vectors (fuzzingclient cases 6.2–6.23).
    public static TheoryData<string> ValidSequences => new()
    {
        string.Empty,
        "48656C6C6F2DC2B540C39FC3B6C3A4C3BCC3A0C3A12D5554462D382121", // 6.2: Hello-µ@ßöäüàá-UTF-8!!
        "CEBAE1BDB9CF83CEBCCEB5", // 6.5.1: κόσμε
        "00", "C280", "E0A080", "F0908080", // 6.7: first code point of each length
        "7F", "DFBF", "EFBFBF", "F48FBFBF", // 6.8–6.9: last code point of each length
        "ED9FBF", "EE8080", "EFBFBD", "F48FBFBF", // 6.11: other boundary conditions
        "EFBFBE", "EFBFBF", "F09FBFBE", "F48FBFBF", // 6.23: non-characters are valid UTF-8
        "F09F9880E282ACC3A941",
    };

    public static TheoryData<string> InvalidSequences => new()
    {
        "CEBAE1BDB9CF83CEBCCEB5EDA080656469746564", // 6.3.1 / 6.4.x: surrogate inside a message
        "80", "BF", "80BF", "80BF80", "80BF80BF", // 6.10: lone continuation bytes
        "C020", "E020", "F020", "C0", "E080", "F08080", // 6.12–6.13: lead bytes followed by a space / truncated
        "FE", "FF", "FEFEFFFF", // 6.14–6.16: impossible bytes
        "C0AF", "E080AF", "F08080AF", "F888808080AF", "FC8480808080AF", // 6.17: overlong "/"
        "C1BF", "E09FBF", "F08FBFBF", // 6.18: maximum overlongs
        "C080", "E08080", "F0808080", // 6.19: overlong NUL
        "EDA080", "EDADBF", "EDAE80", "EDAFBF", "EDB080", "EDBE80", "EDBFBF", // 6.20: single surrogates
        "EDA080EDB080", "EDADBFEDBFBF", // 6.21: paired surrogates
        "F4908080", "F5808080", "F7BFBFBF", "F8888080", // > U+10FFFF
        "C2", "E0A0", "F09080", "41C2", // ends mid-character
    };

    [Theory]
    [MemberData(nameof(ValidSequences))]
    public void TryAppend_ValidSequenceSplitAnywhere_Accepts(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        foreach (byte[][] chunks in Chunkings(bytes))
        {
            Assert.True(Feed(chunks, emptyFinal: false) == -1, hex);
            Assert.True(Feed(chunks, emptyFinal: true) == -1, hex);
        }
    }

    [Theory]
    [MemberData(nameof(InvalidSequences))]
    public void TryAppend_InvalidSequenceSplitAnywhere_Rejects(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        foreach (byte[][] chunks in Chunkings(bytes))
        {
            Assert.True(Feed(chunks, emptyFinal: false) >= 0, hex);
            Assert.True(Feed(chunks, emptyFinal: true) >= 0, hex);
        }
    }

    [Theory]
    [MemberData(nameof(InvalidSequences))]
    public void TryAppend_ByteByByte_FailsAtFirstByteThatCannotBePrefix(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        int firstBad = FirstNonPrefixIndex(bytes);
        int expected = firstBad == bytes.Length ? -1 : firstBad;
        var validator = new Utf8StreamValidator();
        int failedAt = -1;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (!validator.TryAppend(bytes.AsSpan(i, 1), isFinal: false))
            {
                failedAt = i;
                break;
            }
        }

        Assert.Equal(expected, failedAt);
    }

    [Fact]
    public void TryAppend_InvalidByteInFirstFragment_FailsBeforeMessageEnds()
    {
        var validator = new Utf8StreamValidator();

        Assert.True(validator.TryAppend(Convert.FromHexString("CEBAE1BDB9CF83CEBCCEB5"), isFinal: false));
        Assert.False(validator.TryAppend(Convert.FromHexString("F4908080"), isFinal: false));
    }

    [Theory]
    [InlineData("C2")]
    [InlineData("E282")]
    [InlineData("F09F98")]
    [InlineData("41F0")]
    public void TryAppend_EmptyFinalChunkAfterPartialCodePoint_Rejects(string hex)
    {
        var validator = new Utf8StreamValidator();

        Assert.True(validator.TryAppend(Convert.FromHexString(hex), isFinal: false));
        Assert.False(validator.TryAppend([], isFinal: true));
    }

    [Fact]
    public void TryAppend_AfterFinal_StartsFresh()
    {
        var validator = new Utf8StreamValidator();

        Assert.True(validator.TryAppend("ab"u8, isFinal: true));
        Assert.True(validator.TryAppend([0xE2, 0x82], isFinal: false));
        validator.Reset();

        Assert.True(validator.TryAppend("c"u8, isFinal: true));
    }

    [Fact]
    public void TryAppend_RandomInputsRandomChunks_AgreesWithBclDecoder()
    {
        var random = new Random(3629);
        byte[] alphabet = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF];
        for (int iteration = 0; iteration < 20_000; iteration++)
        {
            byte[] bytes = new byte[random.Next(0, 12)];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = alphabet[random.Next(alphabet.Length)];
            }

            var validator = new Utf8StreamValidator();
            bool accepted = true;
            int offset = 0;
            while (accepted && offset < bytes.Length)
            {
                int take = random.Next(1, bytes.Length - offset + 1);
                accepted = validator.TryAppend(bytes.AsSpan(offset, take), isFinal: false);
                offset += take;
            }

            accepted = accepted && validator.TryAppend([], isFinal: true);
            Assert.True(Utf8.IsValid(bytes) == accepted, Convert.ToHexString(bytes));
        }
    }

    [Fact]
    public void TryAppend_LongValidText_Accepts()
    {
        byte[] text = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("ascii κόσμε € 😀 ", 5000)));
        var validator = new Utf8StreamValidator();

        for (int offset = 0; offset < text.Length; offset += 1000)
        {
            Assert.True(validator.TryAppend(text.AsSpan(offset, Math.Min(1000, text.Length - offset)), isFinal: false));
        }

        Assert.True(validator.TryAppend([], isFinal: true));
    }

    // The index of the first byte after which the input can no longer be a prefix of valid UTF-8, by the BCL decoder
    // (which reports InvalidData at the maximal subpart, per Unicode §3.9), or the length if the prefix stays viable.
    internal static int FirstNonPrefixIndex(byte[] bytes)
    {
        char[] scratch = new char[bytes.Length * 2 + 2];
        for (int length = 1; length <= bytes.Length; length++)
        {
            OperationStatus status = Utf8.ToUtf16(bytes.AsSpan(0, length), scratch, out _, out _, replaceInvalidSequences: false, isFinalBlock: false);
            if (status == OperationStatus.InvalidData)
            {
                return length - 1;
            }
        }

        return bytes.Length;
    }

    // Whole, every two-way split, and one byte per chunk.
    private static IEnumerable<byte[][]> Chunkings(byte[] bytes)
    {
        yield return [bytes];
        for (int cut = 0; cut <= bytes.Length; cut++)
        {
            yield return [bytes[..cut], bytes[cut..]];
        }

        yield return bytes.Select(b => new[] { b }).ToArray();
    }

    // Returns -1 when accepted, else the chunk index that failed (chunks.Length for the empty final chunk).
    private static int Feed(byte[][] chunks, bool emptyFinal)
    {
        var validator = new Utf8StreamValidator();
        for (int i = 0; i < chunks.Length; i++)
        {
            bool isFinal = !emptyFinal && i == chunks.Length - 1;
            if (!validator.TryAppend(chunks[i], isFinal))
            {
                return i;
            }
        }

        return !emptyFinal || validator.TryAppend([], isFinal: true) ? -1 : chunks.Length;
    }
}
