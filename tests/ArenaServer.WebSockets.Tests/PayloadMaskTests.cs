namespace ArenaServer.WebSockets.Tests;

public class PayloadMaskTests
{
    private const int Key = unchecked((int)0x37FA213D);

    [Fact]
    public void Apply_Rfc6455Section571MaskedHello_Unmasks()
    {
        // RFC 6455 §5.7: "A single-frame masked text message": 0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58.
        byte[] frame = Convert.FromHexString("818537FA213D7F9F4D5158");
        Assert.Equal(FrameDecodeResult.Success, FrameReader.TryReadHeader(frame.AsSpan(), out FrameHeader header, out _));
        Span<byte> payload = frame.AsSpan(header.HeaderLength);

        int next = PayloadMask.Apply(payload, header.MaskKey, 0);

        Assert.Equal("Hello"u8.ToArray(), payload.ToArray());
        Assert.Equal(1, next);
    }

    [Fact]
    public void Apply_EveryLengthAndStartIndex_MatchesScalarReference()
    {
        var random = new Random(5);
        for (int length = 0; length <= 300; length++)
        {
            byte[] original = new byte[length];
            random.NextBytes(original);
            for (int index = 0; index < 4; index++)
            {
                byte[] actual = (byte[])original.Clone();
                int next = PayloadMask.Apply(actual, Key, index);
                Assert.Equal(ScalarMask(original, Key, index), actual);
                Assert.Equal((index + length) % 4, next);
            }
        }
    }

    [Fact]
    public void Apply_SplitAtEveryCutAndOffset_ContinuesAcrossSegments()
    {
        byte[] original = new byte[150];
        new Random(7).NextBytes(original);
        byte[] expected = ScalarMask(original, Key, 0);
        for (int first = 0; first <= original.Length; first++)
        {
            for (int second = first; second <= original.Length; second += 17)
            {
                byte[] actual = (byte[])original.Clone();
                int index = PayloadMask.Apply(actual.AsSpan(0, first), Key, 0);
                index = PayloadMask.Apply(actual.AsSpan(first, second - first), Key, index);
                PayloadMask.Apply(actual.AsSpan(second), Key, index);
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void Apply_Twice_RestoresOriginal()
    {
        byte[] original = new byte[70_000];
        new Random(9).NextBytes(original);
        byte[] data = (byte[])original.Clone();

        PayloadMask.Apply(data, Key, 3);
        Assert.NotEqual(original, data);
        PayloadMask.Apply(data, Key, 3);

        Assert.Equal(original, data);
    }

    [Fact]
    public void Apply_UnalignedSlices_MatchesScalarReference()
    {
        byte[] buffer = new byte[1000];
        new Random(11).NextBytes(buffer);
        for (int offset = 0; offset < 40; offset++)
        {
            byte[] actual = (byte[])buffer.Clone();
            PayloadMask.Apply(actual.AsSpan(offset, 900), Key, offset & 3);
            Assert.Equal(ScalarMask(buffer.AsSpan(offset, 900).ToArray(), Key, offset & 3), actual.AsSpan(offset, 900).ToArray());
            Assert.Equal(buffer.AsSpan(0, offset).ToArray(), actual.AsSpan(0, offset).ToArray());
            Assert.Equal(buffer.AsSpan(offset + 900).ToArray(), actual.AsSpan(offset + 900).ToArray());
        }
    }

    internal static byte[] ScalarMask(byte[] data, int key, int index)
    {
        byte[] keyBytes = [(byte)(key >> 24), (byte)(key >> 16), (byte)(key >> 8), (byte)key];
        byte[] result = new byte[data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            result[i] = (byte)(data[i] ^ keyBytes[(index + i) & 3]);
        }

        return result;
    }
}
