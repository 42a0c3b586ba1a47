using System.Buffers;
using ArenaServer.MessagePack.Tests.Model;
using ArenaServer.Tests;
using FsCheck;
using FsCheck.Fluent;

namespace ArenaServer.MessagePack.Tests;

/// <summary>Arbitrary and corrupted input never throws: every outcome is a value or a <see cref="DecodeError"/>,
/// and a failed skip consumes nothing (CONVENTIONS.md §7, §9).</summary>
public sealed class MessagePackReaderFuzzTests
{
    private static readonly Gen<byte[]> s_randomBytes = Gen.Choose(0, 64)
        .SelectMany(length => Gen.ArrayOf(Gen.Choose(0, 255), length), (_, values) => values.Select(v => (byte)v).ToArray());

    /// <summary>A valid encoding with up to four bytes overwritten: mostly-plausible headers with wrong lengths,
    /// codes and UTF-8 are where parsers break.</summary>
    private static readonly Gen<byte[]> s_corrupted = TestValueGenerators.Value
        .Select(TestValueCodec.Encode)
        .Where(bytes => bytes.Length > 0)
        .SelectMany(bytes => Gen.ArrayOf(Gen.Two(Gen.Choose(0, 255)), 4), (bytes, edits) =>
        {
            byte[] copy = (byte[])bytes.Clone();
            foreach ((int position, int value) in edits)
            {
                copy[position % copy.Length] = (byte)value;
            }

            return copy;
        });

    /// <summary>Bytes biased towards UTF-8 structure: ASCII, continuation bytes, lead bytes of every length and the
    /// bytes that are never valid, so that well-formed and subtly ill-formed text both occur often.</summary>
    private static readonly Gen<byte[]> s_utf8ish = Gen.Choose(0, 24).SelectMany(length => Gen.ArrayOf(Gen.Frequency(
            (3, Gen.Choose(0x20, 0x7e)), (4, Gen.Choose(0x80, 0xbf)), (2, Gen.Choose(0xc2, 0xdf)), (2, Gen.Choose(0xe0, 0xef)),
            (2, Gen.Choose(0xf0, 0xf4)), (1, Gen.Elements(0xc0, 0xc1, 0xf5, 0xff))), length),
        (_, values) => values.Select(v => (byte)v).ToArray());

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "20")]
    public void TryReadStringSequence_Utf8ishBytesAnySplit_ValidExactlyWhenWholeIsValid()
        => Prop.ForAll(Arb.From(s_utf8ish), text =>
        {
            bool expected = System.Text.Unicode.Utf8.IsValid(text);
            byte[] encoded = [(byte)(0xa0 | text.Length), .. text];
            var sequences = new List<ReadOnlySequence<byte>> { new(encoded), TestSequence.OneBytePerSegment(encoded) };
            for (int cut = 1; cut < encoded.Length; cut++)
            {
                sequences.Add(TestSequence.Split(encoded, cut));
            }

            foreach (ReadOnlySequence<byte> sequence in sequences)
            {
                var reader = new MessagePackReader(sequence);
                Assert.Equal(expected, reader.TryReadStringSequence(out _));
                Assert.Equal(expected ? DecodeError.None : DecodeError.InvalidUtf8, reader.Error);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "20")]
    public void TrySkip_RandomBytes_NeverThrowsAndFailsCleanly()
        => Prop.ForAll(Arb.From(s_randomBytes), bytes => AssertWellBehaved(bytes))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000));

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "20")]
    public void TrySkip_CorruptedEncodings_NeverThrowsAndFailsCleanly()
        => Prop.ForAll(Arb.From(s_corrupted), bytes => AssertWellBehaved(bytes))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));

    private static void AssertWellBehaved(byte[] bytes)
    {
        foreach (ReadOnlySequence<byte> sequence in new[] { new ReadOnlySequence<byte>(bytes), TestSequence.OneBytePerSegment(bytes) })
        {
            var reader = new MessagePackReader(sequence);
            if (reader.TrySkip())
            {
                long skipped = reader.Consumed;
                var raw = new MessagePackReader(sequence);
                Assert.True(raw.TryReadRaw(out ReadOnlySequence<byte> value));
                Assert.Equal(skipped, value.Length);

                // A value the skipper accepts reads fully unless it holds ill-formed UTF-8 or an out-of-range
                // timestamp: skipping interprets neither (it only needs the lengths).
                var typed = new MessagePackReader(sequence);
                Assert.True(TestValueCodec.TryRead(ref typed, out _) || typed.Error is DecodeError.InvalidUtf8 or DecodeError.Overflow,
                    typed.Error.ToString());
            }
            else
            {
                Assert.NotEqual(DecodeError.None, reader.Error);
                Assert.Equal(0, reader.Consumed);
                var typed = new MessagePackReader(sequence);
                Assert.False(TestValueCodec.TryRead(ref typed, out _) && typed.Consumed == 0);
            }
        }
    }
}
