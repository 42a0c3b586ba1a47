using System.Buffers;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Tests;

public sealed class PresenceCodecTests
{
    [Fact]
    public void WritePresence_FullList_MatchesGoldenVector()
    {
        byte[] bytes = Write(full: true,
            [new(3, "alice", PresenceRole.Player, true), new(4, "bob", PresenceRole.Player, false), new(5, "carol", PresenceRole.Spectator, true)],
            []);

        Assert.Equal(GoldenVector.Named("arena-presence-full").Bytes, bytes);
    }

    [Fact]
    public void WritePresence_Removal_MatchesGoldenVector()
        => Assert.Equal(GoldenVector.Named("arena-presence-removal").Bytes, Write(full: false, [], [3]));

    [Fact]
    public void ReadFromServer_PresenceUpsertVector_ReadsMembers()
    {
        EnvelopeStatus status = EnvelopeReader.ReadFromServer(
            new ReadOnlySequence<byte>(GoldenVector.Named("arena-presence-upsert").Bytes), null, out Envelope envelope);
        List<PresenceMember> members = [];
        List<int> removals = [];

        Assert.Equal(EnvelopeStatus.Success, status);
        Assert.Equal(EnvelopeKind.Presence, envelope.Kind);
        Assert.False(envelope.IsFullPresence);
        Assert.True(PresenceCodec.TryReadMembers(envelope.Body, members));
        Assert.True(PresenceCodec.TryReadRemovals(envelope.PresenceRemovals, removals));
        Assert.Equal([new PresenceMember(4, "bob", PresenceRole.Player, true)], members);
        Assert.Empty(removals);
    }

    [Fact]
    public void ReadFromServer_FullVector_RoundTripsEveryMember()
    {
        EnvelopeReader.ReadFromServer(new ReadOnlySequence<byte>(GoldenVector.Named("arena-presence-full").Bytes), null, out Envelope envelope);
        List<PresenceMember> members = [];

        Assert.True(envelope.IsFullPresence);
        Assert.True(PresenceCodec.TryReadMembers(envelope.Body, members));
        Assert.Equal([3, 4, 5], members.Select(m => m.PlayerId));
        Assert.Equal(PresenceRole.Spectator, members[2].Role);
        Assert.False(members[1].IsConnected);
    }

    [Fact]
    public void ReadFromServer_EmptyLists_Success()
        => Assert.Equal(EnvelopeStatus.Success, EnvelopeReader.ReadFromServer(new ReadOnlySequence<byte>(Convert.FromHexString("9449c39090")), null, out _));

    [Theory]
    [InlineData("9449c3c090")] // upserts nil
    [InlineData("9449c39001")] // removals an integer
    [InlineData("9449019090")] // full not a boolean
    [InlineData("9349c390")]   // removals missing
    public void ReadFromServer_MalformedPresence_Fails(string hex)
        => Assert.NotEqual(EnvelopeStatus.Success, EnvelopeReader.ReadFromServer(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), null, out _));

    [Theory]
    [InlineData("919401a16102c3")] // role 2 is unknown
    [InlineData("919301a16100")]   // three fields
    [InlineData("9194ffa16100c3")] // negative player id
    [InlineData("919401c000c3")]   // nil name
    [InlineData("929401a16100c3")] // the count says two, one is present
    public void TryReadMembers_Malformed_False(string hex)
    {
        List<PresenceMember> members = [];
        Assert.False(PresenceCodec.TryReadMembers(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), members));
    }

    [Theory]
    [InlineData("92ff")] // negative id
    [InlineData("91c0")] // nil id
    [InlineData("c0")]   // not an array
    public void TryReadRemovals_Malformed_False(string hex)
        => Assert.False(PresenceCodec.TryReadRemovals(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), []));

    [Fact]
    public void TryReadMembers_TrailingMemberFields_Skipped()
    {
        // A newer server may add fields to an entry: [1, "a", 0, true, "team-red"].
        byte[] bytes = Convert.FromHexString("919501a16100c3a3726564");
        List<PresenceMember> members = [];

        Assert.True(PresenceCodec.TryReadMembers(new ReadOnlySequence<byte>(bytes), members));
        Assert.Equal(new PresenceMember(1, "a", PresenceRole.Player, true), Assert.Single(members));
    }

    [Fact]
    public void TryApply_FullThenUpsertThenRemoval_KeepsTheListInJoinOrder()
    {
        List<PresenceMember> members = [new(9, "stale", PresenceRole.Player, true)];

        Assert.True(PresenceCodec.TryApply(members, Read("arena-presence-full")));
        Assert.True(PresenceCodec.TryApply(members, Read("arena-presence-upsert")));
        Assert.True(PresenceCodec.TryApply(members, Read("arena-presence-removal")));

        Assert.Equal(
            [new PresenceMember(4, "bob", PresenceRole.Player, true), new PresenceMember(5, "carol", PresenceRole.Spectator, true)],
            members);
    }

    [Fact]
    public void TryApply_NotPresence_FalseAndListUnchanged()
    {
        List<PresenceMember> members = [new(1, "a", PresenceRole.Player, true)];

        Assert.False(PresenceCodec.TryApply(members, Read("arena-latency")));
        Assert.Single(members);
    }

    private static Envelope Read(string vector)
    {
        Assert.Equal(EnvelopeStatus.Success,
            EnvelopeReader.ReadFromServer(new ReadOnlySequence<byte>(GoldenVector.Named(vector).Bytes), null, out Envelope envelope));
        return envelope;
    }

    private static byte[] Write(bool full, PresenceMember[] members, int[] removals)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        EnvelopeWriter.WritePresenceHeader(ref writer, full, members.Length);
        foreach (PresenceMember member in members)
        {
            PresenceCodec.WriteMember(ref writer, member);
        }

        PresenceCodec.WriteRemovals(ref writer, removals);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }
}
