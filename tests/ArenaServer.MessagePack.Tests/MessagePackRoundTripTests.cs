using ArenaServer.MessagePack.Tests.Model;
using FsCheck;
using FsCheck.Fluent;

namespace ArenaServer.MessagePack.Tests;

/// <summary>FsCheck properties of our codec on its own (the cross-implementation ones are in
/// <see cref="MessagePackInteropTests"/>).</summary>
public sealed class MessagePackRoundTripTests
{
    [Fact]
    public void Encode_RandomValue_DecodesToSameValueAndReencodesIdentically()
    {
        Prop.ForAll(Arb.From(TestValueGenerators.Value), value =>
        {
            byte[] encoded = TestValueCodec.Encode(value);
            TestValue decoded = TestValueCodec.Decode(encoded);
            return TestValue.ExactlyEqual(value, decoded) && TestValueCodec.Encode(decoded).AsSpan().SequenceEqual(encoded);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Write_RandomInteger_ShortestEncodingThatReadsBack()
    {
        Prop.ForAll(Arb.From(TestValueGenerators.Integer), integer =>
        {
            byte[] encoded = TestValueCodec.Encode(TestValue.Int(integer));
            int expectedLength = 9;
            if (integer >= -32 && integer <= 127)
            {
                expectedLength = 1;
            }
            else if (integer >= -128 && integer <= 255)
            {
                expectedLength = 2;
            }
            else if (integer >= -32768 && integer <= 65535)
            {
                expectedLength = 3;
            }
            else if (integer >= int.MinValue && integer <= uint.MaxValue)
            {
                expectedLength = 5;
            }

            return encoded.Length == expectedLength && TestValueCodec.Decode(encoded).Integer == integer;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5000));
    }
}
