using ArenaServer.Transport.Latency;

namespace ArenaServer.Transport.Tests.Latency;

public sealed class PingNonceTests
{
    [Fact]
    public void Create_Twice_DifferentPayloads()
    {
        // 64 random bits: a collision here would mean the generator is not random (or not reseeded per ping).
        PingNonce first = PingNonce.Create();
        PingNonce second = PingNonce.Create();

        Assert.NotEqual(first, second);
        Assert.False(first.Matches(Payload(second)));
    }

    [Fact]
    public void Matches_EchoedPayload_True()
    {
        PingNonce nonce = PingNonce.Create();

        Assert.True(nonce.Matches(Payload(nonce)));
    }

    [Fact]
    [Trait("Category", "Security")]
    [Trait("CWE", "345")]
    public void Matches_AnySingleBitFlipped_False()
    {
        // A client that guesses the nonce (to pong early and under-report its latency) must get every bit right.
        PingNonce nonce = PingNonce.Create();
        byte[] payload = Payload(nonce);
        for (int bit = 0; bit < PingNonce.Size * 8; bit++)
        {
            byte[] forged = (byte[])payload.Clone();
            forged[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.False(nonce.Matches(forged), $"bit {bit}");
        }
    }

    [Theory]
    [Trait("Category", "Security")]
    [Trait("CWE", "345")]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(125)]
    public void Matches_WrongLength_False(int length)
    {
        PingNonce nonce = PingNonce.Create();
        byte[] payload = new byte[length];
        Payload(nonce).AsSpan(0, Math.Min(length, PingNonce.Size)).CopyTo(payload);

        Assert.False(nonce.Matches(payload));
    }

    [Fact]
    public void WriteTo_ShortDestination_Throws()
    {
        PingNonce nonce = PingNonce.Create();

        Assert.Throws<ArgumentOutOfRangeException>(() => nonce.WriteTo(new byte[PingNonce.Size - 1]));
    }

    private static byte[] Payload(PingNonce nonce)
    {
        byte[] payload = new byte[PingNonce.Size];
        nonce.WriteTo(payload);
        return payload;
    }
}
