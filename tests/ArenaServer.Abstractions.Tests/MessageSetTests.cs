using System.Buffers;
using ArenaServer.Abstractions.Tests.Messages;
using ArenaServer.MessagePack;
using ArenaServer.Tests;
using FsCheck;
using FsCheck.Fluent;

namespace ArenaServer.Abstractions.Tests;

public sealed class MessageSetTests
{
    private static readonly MessageSet<ITestInput> s_inputs = MessageSet<ITestInput>.CreateBuilder()
        .Add<Move>(tag: 1)
        .Add<Chat>(tag: 2)
        .Add<Sloppy>(tag: 127)
        .Build();

    [Fact]
    public void TryRead_MoveBodyOfArenaInputMoveVector_ReadsMove()
    {
        // The body of proto/vectors arena-input-move: [3, 7, 5, 1, [1, 0]] → [1, 0].
        MessageReadStatus status = s_inputs.TryRead(1, Sequence("920100"), null, out ITestInput? message);

        Assert.Equal(MessageReadStatus.Success, status);
        Assert.Equal(new Move(1, 0), message);
    }

    [Fact]
    public void TryRead_ExtraTrailingFields_SkippedByTheMessage()
    {
        MessageReadStatus status = s_inputs.TryRead(1, Sequence("93010063"), null, out ITestInput? message);

        Assert.Equal(MessageReadStatus.Success, status);
        Assert.Equal(new Move(1, 0), message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(126)]
    [InlineData(128)]
    [InlineData(255)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void TryRead_UnknownTag_UnknownTag(int tag)
    {
        MessageReadStatus status = s_inputs.TryRead(tag, Sequence("920100"), null, out ITestInput? message);

        Assert.Equal(MessageReadStatus.UnknownTag, status);
        Assert.Null(message);
    }

    [Theory]
    [InlineData("91", "array with one element and nothing after it")]
    [InlineData("9101", "one field where two are required")]
    [InlineData("92a178a179", "strings where int8 are required")]
    [InlineData("92cc8000", "128 does not fit int8")]
    [InlineData("c0", "nil instead of an array")]
    [InlineData("c1", "the never-used byte")]
    [InlineData("", "empty body")]
    public void TryRead_FailedRead_InvalidBody(string hex, string why)
    {
        MessageReadStatus status = s_inputs.TryRead(1, Sequence(hex), null, out ITestInput? message);

        Assert.True(status == MessageReadStatus.InvalidBody, why);
        Assert.Null(message);
    }

    [Fact]
    public void TryRead_EveryStrictPrefix_InvalidBody()
    {
        byte[] body = Convert.FromHexString("92d080d07f");
        for (int length = 0; length < body.Length; length++)
        {
            Assert.Equal(MessageReadStatus.InvalidBody, s_inputs.TryRead(1, new ReadOnlySequence<byte>(body, 0, length), null, out _));
        }

        Assert.Equal(MessageReadStatus.Success, s_inputs.TryRead(1, new ReadOnlySequence<byte>(body), null, out ITestInput? whole));
        Assert.Equal(new Move(-128, 127), whole);
    }

    [Fact]
    public void TryRead_BytesAfterTheValue_TrailingBytes()
    {
        MessageReadStatus status = s_inputs.TryRead(1, Sequence("92010001"), null, out ITestInput? message);

        Assert.Equal(MessageReadStatus.TrailingBytes, status);
        Assert.Null(message);
    }

    [Fact]
    public void TryRead_MessageThatDoesNotSkipItsExtraFields_TrailingBytes()
    {
        MessageReadStatus status = s_inputs.TryRead(127, Sequence("920507"), null, out ITestInput? message);

        Assert.Equal(MessageReadStatus.TrailingBytes, status);
        Assert.Null(message);
    }

    [Fact]
    public void TryRead_SplitBody_SameAsContiguous()
    {
        byte[] body = Convert.FromHexString("91a5686f6c6c6f");
        for (int cut = 1; cut < body.Length; cut++)
        {
            Assert.Equal(MessageReadStatus.Success, s_inputs.TryRead(2, TestSequence.Split(body, cut), null, out ITestInput? message));
            Assert.Equal(new Chat("hollo"), message);
        }
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "674")]
    public void TryRead_DeeplyNestedTrailingField_InvalidBodyWithinDepthLimit()
    {
        // Move [1, 0, [[[…]]]] with 40 nested arrays: skipping the extra field must stop at MaxDepth.
        string nested = string.Concat(Enumerable.Repeat("91", 39)) + "90";
        MessageReadStatus status = s_inputs.TryRead(1, Sequence("930100" + nested), null, out _);

        Assert.Equal(MessageReadStatus.InvalidBody, status);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public void TryRead_HugeDeclaredLength_InvalidBody()
    {
        // array32 declaring 2^32−1 elements in a 7-byte body.
        MessageReadStatus status = s_inputs.TryRead(1, Sequence("ddffffffff0100"), null, out _);

        Assert.Equal(MessageReadStatus.InvalidBody, status);
    }

    [Fact]
    public void Add_DuplicateTag_Rejected()
    {
        MessageSetBuilder<ITestInput> builder = MessageSet<ITestInput>.CreateBuilder().Add<Move>(tag: 1);

        ArgumentException error = Assert.Throws<ArgumentException>(() => builder.Add<Chat>(tag: 1));
        Assert.Contains("Tag 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_SameTypeTwice_Rejected()
    {
        MessageSetBuilder<ITestInput> builder = MessageSet<ITestInput>.CreateBuilder().Add<Move>(tag: 1);

        Assert.Throws<ArgumentException>(() => builder.Add<Move>(tag: 2));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(128)]
    [InlineData(255)]
    public void Add_TagOutside0To127_Rejected(int tag)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MessageSet<ITestInput>.CreateBuilder().Add<Move>(tag));
    }

    [Fact]
    public void Build_Tags0And127_Accepted()
    {
        MessageSet<ITestInput> set = MessageSet<ITestInput>.CreateBuilder().Add<Move>(tag: 0).Add<Chat>(tag: 127).Build();

        Assert.Equal([0, 127], set.Tags);
        Assert.Equal(typeof(Move), set.GetMessageType(0));
        Assert.Equal(typeof(Chat), set.GetMessageType(127));
        Assert.Null(set.GetMessageType(1));
        Assert.Null(set.GetMessageType(128));
    }

    [Fact]
    public void Build_LaterAdds_DoNotChangeABuiltSet()
    {
        MessageSetBuilder<ITestInput> builder = MessageSet<ITestInput>.CreateBuilder().Add<Move>(tag: 1);
        MessageSet<ITestInput> first = builder.Build();

        builder.Add<Chat>(tag: 2);

        Assert.Equal([1], first.Tags);
        Assert.Equal(MessageReadStatus.UnknownTag, first.TryRead(2, Sequence("91a0"), null, out _));
    }

    [Fact]
    public void Write_RegisteredMessage_WritesBodyAndReturnsTag()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);

        byte tag = s_inputs.Write(new Move(1, 0), ref writer);
        writer.Flush();

        Assert.Equal(1, tag);
        Assert.Equal("920100", Convert.ToHexStringLower(output.WrittenSpan));
    }

    [Fact]
    public void Write_UnregisteredType_Throws()
    {
        MessageSet<ITestInput> onlyMoves = MessageSet<ITestInput>.CreateBuilder().Add<Move>(tag: 1).Build();
        var output = new ArrayBufferWriter<byte>();

        ArgumentException error = Assert.Throws<ArgumentException>(() =>
        {
            var writer = new MessagePackWriter(output);
            onlyMoves.Write(new Chat("hi"), ref writer);
        });
        Assert.Contains(nameof(Chat), error.Message, StringComparison.Ordinal);
        Assert.False(onlyMoves.TryGetTag(new Chat("hi"), out _));
        Assert.True(onlyMoves.TryGetTag(new Move(0, 0), out byte tag));
        Assert.Equal(1, tag);
    }

    [Fact]
    public void WriteThenTryRead_AnyMove_RoundTrips()
    {
        Prop.ForAll<sbyte, sbyte>((x, y) =>
        {
            var output = new ArrayBufferWriter<byte>();
            var writer = new MessagePackWriter(output);
            byte tag = s_inputs.Write(new Move(x, y), ref writer);
            writer.Flush();
            MessageReadStatus status = s_inputs.TryRead(tag, new ReadOnlySequence<byte>(output.WrittenMemory), null, out ITestInput? read);
            return status == MessageReadStatus.Success && read is Move move && move.X == x && move.Y == y;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void WriteThenTryRead_AnyChat_RoundTrips()
    {
        Prop.ForAll<NonNull<string>>(text =>
        {
            string value = text.Get;
            if (value.Any(char.IsSurrogate))
            {
                return true; // lone surrogates have no UTF-8 form
            }

            var output = new ArrayBufferWriter<byte>();
            var writer = new MessagePackWriter(output);
            byte tag = s_inputs.Write(new Chat(value), ref writer);
            writer.Flush();
            return s_inputs.TryRead(tag, new ReadOnlySequence<byte>(output.WrittenMemory), null, out ITestInput? read) ==
                MessageReadStatus.Success && read is Chat chat && chat.Text == value;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static ReadOnlySequence<byte> Sequence(string hex) => new(Convert.FromHexString(hex));
}
