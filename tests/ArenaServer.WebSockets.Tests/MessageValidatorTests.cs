namespace ArenaServer.WebSockets.Tests;

public class MessageValidatorTests
{
    private const int Key = 0x11223344;

    [Fact]
    public void OnFrameHeader_SingleTextFrame_TracksMessage()
    {
        var validator = new MessageValidator(1024);

        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Text, 5), out _));
        Assert.True(validator.InMessage);
        Assert.Equal(Opcode.Text, validator.MessageOpcode);
        Assert.Equal(5, validator.MessageLength);
        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload("Hello"u8, true, out _));
        Assert.False(validator.InMessage);
    }

    [Fact]
    public void OnFrameHeader_FragmentsWithInterleavedPing_Accepted()
    {
        var validator = new MessageValidator(1024);

        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(false, Opcode.Binary, 3), out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload([1, 2, 3], false, out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Ping, 4), out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(false, Opcode.Continuation, 2), out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload([4, 5], false, out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Pong, 0), out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Continuation, 1), out _));
        Assert.Equal(Opcode.Binary, validator.MessageOpcode);
        Assert.Equal(6, validator.MessageLength);
        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload([6], true, out _));
        Assert.False(validator.InMessage);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "345")]
    public void OnFrameHeader_UnmaskedClientFrame_1002()
    {
        var validator = new MessageValidator(1024);

        AssertError(validator.OnFrameHeader(new FrameHeader(true, 0, Opcode.Text, false, 0, 1, 2), out WebSocketCloseStatus error), error, 1002);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "345")]
    public void OnFrameHeader_UnmaskedControlFrame_1002()
    {
        var validator = new MessageValidator(1024);

        AssertError(validator.OnFrameHeader(new FrameHeader(true, 0, Opcode.Ping, false, 0, 0, 2), out WebSocketCloseStatus error), error, 1002);
    }

    [Theory]
    [InlineData(0b_0100_0000, Opcode.Text)]
    [InlineData(0b_0010_0000, Opcode.Binary)]
    [InlineData(0b_0001_0000, Opcode.Ping)]
    [InlineData(0b_0111_0000, Opcode.Close)]
    public void OnFrameHeader_RsvBitSet_1002(byte rsv, Opcode opcode)
    {
        var validator = new MessageValidator(1024);

        AssertError(validator.OnFrameHeader(new FrameHeader(true, rsv, opcode, true, Key, 0, 6), out WebSocketCloseStatus error), error, 1002);
    }

    [Fact]
    public void OnFrameHeader_ContinuationWithoutMessage_1002()
    {
        var validator = new MessageValidator(1024);

        AssertError(validator.OnFrameHeader(Data(true, Opcode.Continuation, 1), out WebSocketCloseStatus error), error, 1002);
    }

    [Theory]
    [InlineData(Opcode.Text)]
    [InlineData(Opcode.Binary)]
    public void OnFrameHeader_NewDataFrameInsideFragmentedMessage_1002(Opcode opcode)
    {
        var validator = new MessageValidator(1024);
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(false, Opcode.Text, 1), out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload("a"u8, false, out _));

        AssertError(validator.OnFrameHeader(Data(true, opcode, 1), out WebSocketCloseStatus error), error, 1002);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public void OnFrameHeader_OversizedControlFrame_1002()
    {
        var validator = new MessageValidator(1024);

        AssertError(validator.OnFrameHeader(Data(true, Opcode.Ping, 126), out WebSocketCloseStatus error), error, 1002);
    }

    [Fact]
    public void OnFrameHeader_FragmentedControlFrame_1002()
    {
        var validator = new MessageValidator(1024);

        AssertError(validator.OnFrameHeader(Data(false, Opcode.Close, 2), out WebSocketCloseStatus error), error, 1002);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public void OnFrameHeader_SingleFrameOverCap_1009BeforePayload()
    {
        var validator = new MessageValidator(1000);

        AssertError(validator.OnFrameHeader(Data(true, Opcode.Binary, 1001), out WebSocketCloseStatus error), error, 1009);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "770")]
    public void OnFrameHeader_FragmentsSumOverCap_1009()
    {
        var validator = new MessageValidator(1000);
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(false, Opcode.Binary, 600), out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload(new byte[600], false, out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(false, Opcode.Continuation, 400), out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload(new byte[400], false, out _));

        AssertError(validator.OnFrameHeader(Data(true, Opcode.Continuation, 1), out WebSocketCloseStatus error), error, 1009);
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "190")]
    public void OnFrameHeader_HugeLengthsDoNotOverflowTheSum_1009()
    {
        var validator = new MessageValidator(long.MaxValue - 10);
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(false, Opcode.Binary, long.MaxValue - 20), out _));

        AssertError(validator.OnFrameHeader(Data(true, Opcode.Continuation, long.MaxValue), out WebSocketCloseStatus error), error, 1009);
    }

    [Fact]
    public void OnFrameHeader_MessageExactlyAtCap_Accepted()
    {
        var validator = new MessageValidator(1000);

        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(false, Opcode.Binary, 500), out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Continuation, 500), out _));
    }

    [Fact]
    public void OnPayload_InvalidUtf8InFirstFragment_1007Immediately()
    {
        var validator = new MessageValidator(1024);
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(false, Opcode.Text, 15), out _));

        AssertError(validator.OnPayload(Convert.FromHexString("CEBAE1BDB9CF83CEBCCEB5F4908080"), false, out WebSocketCloseStatus error), error, 1007);
    }

    [Fact]
    public void OnPayload_BinaryMessageWithInvalidUtf8_Accepted()
    {
        var validator = new MessageValidator(1024);
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Binary, 2), out _));

        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload([0xFF, 0xC0], true, out _));
    }

    [Fact]
    public void OnPayload_TextEndsMidCharacter_1007()
    {
        var validator = new MessageValidator(1024);
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Text, 3), out _));

        AssertError(validator.OnPayload([0x41, 0xE2, 0x82], true, out WebSocketCloseStatus error), error, 1007);
    }

    [Fact]
    public void OnFrameHeader_EmptyFinalFragmentAfterPartialCodePoint_1007WithoutPayloadCall()
    {
        var validator = new MessageValidator(1024);
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(false, Opcode.Text, 2), out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload([0x41, 0xC3], false, out _));

        AssertError(validator.OnFrameHeader(Data(true, Opcode.Continuation, 0), out WebSocketCloseStatus error), error, 1007);
        Assert.False(validator.InMessage);
    }

    [Fact]
    public void OnPayload_EmptyFinalChunkAfterEmptyFinFrame_Success()
    {
        var validator = new MessageValidator(1024);
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(false, Opcode.Text, 2), out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload("ab"u8, false, out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Continuation, 0), out _));

        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload([], true, out _));
        Assert.False(validator.InMessage);
    }

    [Fact]
    public void OnPayload_EmptyTextMessage_Success()
    {
        var validator = new MessageValidator(1024);

        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Text, 0), out _));
        Assert.False(validator.InMessage);
        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload([], true, out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Binary, 1), out _));
    }

    [Fact]
    public void OnPayload_CodePointSplitAcrossFragmentsAndChunks_Success()
    {
        byte[] text = "a€😀b"u8.ToArray();
        for (int cut = 0; cut <= text.Length; cut++)
        {
            var validator = new MessageValidator(1024);
            Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(false, Opcode.Text, cut), out _));
            for (int i = 0; i < cut; i++)
            {
                Assert.Equal(FrameDecodeResult.Success, validator.OnPayload(text.AsSpan(i, 1), false, out _));
            }

            Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Continuation, text.Length - cut), out _));
            Assert.Equal(FrameDecodeResult.Success, validator.OnPayload(text.AsSpan(cut), true, out _));
        }
    }

    [Fact]
    public void OnFrameHeader_NextMessageAfterCompletion_ResetsLength()
    {
        var validator = new MessageValidator(10);
        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Binary, 10), out _));
        Assert.Equal(FrameDecodeResult.Success, validator.OnPayload(new byte[10], true, out _));

        Assert.Equal(FrameDecodeResult.Success, validator.OnFrameHeader(Data(true, Opcode.Text, 10), out _));
        Assert.Equal(10, validator.MessageLength);
        Assert.Equal(Opcode.Text, validator.MessageOpcode);
    }

    private static FrameHeader Data(bool fin, Opcode opcode, long length)
        => new(fin, 0, opcode, true, Key, length, FrameWriter.GetHeaderSize(length, masked: true));

    private static void AssertError(FrameDecodeResult result, WebSocketCloseStatus error, ushort code)
    {
        Assert.Equal(FrameDecodeResult.ProtocolError, result);
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrEmpty(error.Reason));
    }
}
