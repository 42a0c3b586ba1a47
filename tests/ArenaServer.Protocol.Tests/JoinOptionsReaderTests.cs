using System.Buffers;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol.Tests;

public sealed class JoinOptionsReaderTests
{
    [Fact]
    public void TryRead_ServerOptionsVector_ReadsNameAndSpectateAndIgnoresRoomKeys()
    {
        Envelope join = ReadJoin("arena-join-server-options");

        Assert.True(JoinOptionsReader.TryRead(join.Body, out JoinOptions options, out string? error));
        Assert.Null(error);
        Assert.Equal(new JoinOptions("alice", Spectate: true, Private: false), options);
    }

    [Fact]
    public void TryRead_PrivateVector_ReadsPrivate()
    {
        Assert.True(JoinOptionsReader.TryRead(ReadJoin("arena-join-private").Body, out JoinOptions options, out _));
        Assert.Equal(new JoinOptions("bob", Spectate: false, Private: true), options);
    }

    [Fact]
    public void TryRead_NoOptions_Defaults()
    {
        Assert.True(JoinOptionsReader.TryRead(ReadJoin("arena-join-any-room").Body, out JoinOptions options, out _));
        Assert.Equal(default, options);
    }

    [Fact]
    public void TryRead_RoomOnlyKeys_Defaults()
    {
        // {"map": "dust", "team": "red"}: nothing for the server.
        Assert.True(JoinOptionsReader.TryRead(ReadJoin("arena-join-room-string").Body, out JoinOptions options, out _));
        Assert.Equal(default, options);
    }

    [Fact]
    public void TryRead_IntegerKeys_LeftToTheRoom()
    {
        Assert.True(JoinOptionsReader.TryRead(Encode((ref MessagePackWriter w) => { w.WriteMapHeader(1); w.Write(1); w.Write(true); }), out JoinOptions options, out _));
        Assert.Equal(default, options);
    }

    [Fact]
    public void TryRead_NameWithSpaces_Trimmed()
    {
        Assert.True(JoinOptionsReader.TryRead(Map("name", "  Ann Lee "), out JoinOptions options, out _));
        Assert.Equal("Ann Lee", options.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abcdefghijklmnopqrstuvwxy")] // 25
    [InlineData("bell\u0007")]
    [InlineData("rtl\u202eevil")]            // format character (bidi override)
    [InlineData("line\u2028break")]
    [InlineData("\ue000private")]
    public void TryRead_InvalidName_InvalidWithReason(string name)
    {
        Assert.False(JoinOptionsReader.TryRead(Map("name", name), out _, out string? error));
        Assert.Contains("name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_NameOf24Emoji_Valid()
    {
        // 24 scalar values but 48 UTF-16 units: the limit counts what a person sees as characters.
        string name = string.Concat(Enumerable.Repeat("😀", 24));
        Assert.True(JoinOptionsReader.TryRead(Map("name", name), out JoinOptions options, out _));
        Assert.Equal(name, options.Name);
    }

    [Fact]
    public void TryRead_NameNotAString_Invalid()
    {
        Assert.False(JoinOptionsReader.TryRead(Encode((ref MessagePackWriter w) => { w.WriteMapHeader(1); w.WriteString("name"); w.Write(7); }), out _, out string? error));
        Assert.Equal("name must be a string", error);
    }

    [Theory]
    [InlineData("spectate")]
    [InlineData("private")]
    public void TryRead_FlagNotABoolean_Invalid(string key)
    {
        Assert.False(JoinOptionsReader.TryRead(Map(key, "yes"), out _, out string? error));
        Assert.Equal($"{key} must be true or false", error);
    }

    [Fact]
    public void TryRead_SpectateAndPrivate_Invalid()
    {
        ReadOnlySequence<byte> options = Encode((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(2);
            w.WriteString("spectate");
            w.Write(true);
            w.WriteString("private");
            w.Write(true);
        });

        Assert.False(JoinOptionsReader.TryRead(options, out _, out string? error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("c0")]   // nil: no options
    public void TryRead_Nil_Defaults(string hex)
    {
        Assert.True(JoinOptionsReader.TryRead(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), out JoinOptions options, out _));
        Assert.Equal(default, options);
    }

    [Theory]
    [InlineData("93010203")] // an array
    [InlineData("a3616263")] // a string
    [InlineData("2a")]       // an integer
    public void TryRead_NotAMap_Invalid(string hex)
    {
        Assert.False(JoinOptionsReader.TryRead(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), out _, out string? error));
        Assert.Equal("options must be a map", error);
    }

    private static Envelope ReadJoin(string vector)
    {
        Assert.Equal(EnvelopeStatus.Success,
            EnvelopeReader.ReadFromClient(new ReadOnlySequence<byte>(GoldenVector.Named(vector).Bytes), null, out Envelope envelope));
        return envelope;
    }

    private static ReadOnlySequence<byte> Map(string key, string value) => Encode((ref MessagePackWriter w) =>
    {
        w.WriteMapHeader(1);
        w.WriteString(key);
        w.WriteString(value);
    });

    private delegate void WriteAction(ref MessagePackWriter writer);

    private static ReadOnlySequence<byte> Encode(WriteAction write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        write(ref writer);
        writer.Flush();
        return new ReadOnlySequence<byte>(output.WrittenMemory);
    }
}
