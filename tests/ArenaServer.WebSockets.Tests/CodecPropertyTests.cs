using System.Buffers;
using System.Text;
using System.Text.Unicode;
using ArenaServer.Tests;
using FsCheck;
using FsCheck.Fluent;

namespace ArenaServer.WebSockets.Tests;

/// <summary>FsCheck properties over the frame codec and the UTF-8 validator (CONVENTIONS.md §39).</summary>
public class CodecPropertyTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static readonly Opcode[] s_opcodes = [Opcode.Continuation, Opcode.Text, Opcode.Binary, Opcode.Close, Opcode.Ping, Opcode.Pong];

    [Fact]
    public void WriteHeader_ThenTryReadHeader_RoundTripsAtEverySplit()
    {
        Gen<long> lengths = Gen.OneOf(
            Gen.Choose(0, 125).Select(n => (long)n),
            Gen.Choose(126, 65535).Select(n => (long)n),
            Gen.Choose(0, int.MaxValue).Select(n => 65536L + ((long)n * n)),
            Gen.Constant(long.MaxValue));
        Gen<(bool Fin, Opcode Opcode, long Length, int? Key)> frames =
            from fin in Gen.Elements(true, false)
            from opcode in Gen.Elements(s_opcodes)
            from length in lengths
            from masked in Gen.Elements(true, false)
            from key in Gen.Choose(int.MinValue, int.MaxValue)
            let control = ((byte)opcode & 0x8) != 0
            select (control || fin, opcode, control ? length % 126 : length, masked ? key : (int?)null);

        Check.One(s_config, Prop.ForAll(frames.ToArbitrary(), frame =>
        {
            byte[] bytes = new byte[FrameWriter.MaxHeaderSize];
            int written = FrameWriter.WriteHeader(bytes, frame.Fin, frame.Opcode, frame.Length, frame.Key);
            var expected = new FrameHeader(frame.Fin, 0, frame.Opcode, frame.Key.HasValue, frame.Key ?? 0, frame.Length, written);
            byte[] header = bytes[..written];
            for (int cut = 0; cut <= written; cut++)
            {
                if (FrameReader.TryReadHeader(TestSequence.Split(header, cut), out FrameHeader actual, out _) != FrameDecodeResult.Success ||
                    actual != expected)
                {
                    return false;
                }
            }

            return written == FrameWriter.GetHeaderSize(frame.Length, frame.Key.HasValue) &&
                FrameReader.TryReadHeader(new ReadOnlySequence<byte>(header, 0, written - 1), out _, out _) == FrameDecodeResult.NeedMoreData;
        }));
    }

    [Fact]
    public void Apply_AnyPayloadKeyAndCuts_MatchesScalarAndIsInvolution()
    {
        Gen<(byte[] Data, int Key, int Cut1, int Cut2)> cases =
            from data in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
            from key in Gen.Choose(int.MinValue, int.MaxValue)
            from a in Gen.Choose(0, data.Length)
            from b in Gen.Choose(a, data.Length)
            select (data, key, a, b);

        Check.One(s_config, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            byte[] actual = (byte[])c.Data.Clone();
            int index = PayloadMask.Apply(actual.AsSpan(0, c.Cut1), c.Key, 0);
            index = PayloadMask.Apply(actual.AsSpan(c.Cut1, c.Cut2 - c.Cut1), c.Key, index);
            index = PayloadMask.Apply(actual.AsSpan(c.Cut2), c.Key, index);
            bool matches = actual.AsSpan().SequenceEqual(PayloadMaskTests.ScalarMask(c.Data, c.Key, 0)) && index == (c.Data.Length & 3);
            PayloadMask.Apply(actual, c.Key, 0);
            return matches && actual.AsSpan().SequenceEqual(c.Data);
        }));
    }

    [Fact]
    public void TryAppend_AnyValidTextAnyChunking_Accepts()
    {
        Gen<int> scalars = Gen.OneOf(
            Gen.Choose(0, 0x7F),
            Gen.Choose(0x80, 0x7FF),
            Gen.Choose(0x800, 0xD7FF),
            Gen.Choose(0xE000, 0xFFFF),
            Gen.Choose(0x10000, 0x10FFFF));
        Gen<(byte[] Text, int[] Cuts)> cases =
            from codePoints in Gen.ArrayOf(scalars)
            let text = Encoding.UTF8.GetBytes(string.Concat(codePoints.Select(char.ConvertFromUtf32)))
            from cuts in Gen.ArrayOf(Gen.Choose(0, text.Length))
            select (text, cuts.Order().ToArray());

        Check.One(s_config, Prop.ForAll(cases.ToArbitrary(), c => Validate(c.Text, c.Cuts)));
    }

    [Fact]
    public void TryAppend_AnyBytesAnyChunking_AgreesWithBcl()
    {
        Gen<byte> interesting = Gen.Elements<byte>(0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
            0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF);
        Gen<(byte[] Bytes, int[] Cuts)> cases =
            from bytes in Gen.ArrayOf(interesting)
            from cuts in Gen.ArrayOf(Gen.Choose(0, bytes.Length))
            select (bytes, cuts.Order().ToArray());

        Check.One(s_config, Prop.ForAll(cases.ToArbitrary(), c => Validate(c.Bytes, c.Cuts) == Utf8.IsValid(c.Bytes)));
    }

    private static bool Validate(byte[] bytes, int[] cuts)
    {
        var validator = new Utf8StreamValidator();
        int start = 0;
        foreach (int cut in cuts.Append(bytes.Length))
        {
            if (!validator.TryAppend(bytes.AsSpan(start, cut - start), isFinal: false))
            {
                return false;
            }

            start = cut;
        }

        return validator.TryAppend([], isFinal: true);
    }
}
