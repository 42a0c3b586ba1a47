namespace ArenaServer.WebSockets.Tests;

public class CloseFrameTests
{
    [Fact]
    public void IsValidCloseCode_EveryUInt16_MatchesRfc6455Section741()
    {
        for (int code = 0; code <= ushort.MaxValue; code++)
        {
            bool expected = code is 1000 or 1001 or 1002 or 1003 or 1007 or 1008 or 1009 or 1010 or 1011 or 1012 or 1013 or 1014 ||
                (code >= 3000 && code <= 4999);
            Assert.True(expected == CloseFrame.IsValidCloseCode(code), $"code {code}");
        }
    }

    [Theory]
    [InlineData(1004)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1015)]
    [InlineData(999)]
    [InlineData(1016)]
    [InlineData(2999)]
    [InlineData(5000)]
    [InlineData(65535)]
    public void TryParse_InvalidCode_1002(int code)
    {
        byte[] payload = [(byte)(code >> 8), (byte)code];

        Assert.Equal(FrameDecodeResult.ProtocolError, CloseFrame.TryParse(payload, out _, out _, out WebSocketCloseStatus error));
        Assert.Equal(WebSocketCloseCodes.ProtocolError, error.Code);
    }

    [Fact]
    public void TryParse_Empty_NoStatusReceived()
    {
        Assert.Equal(FrameDecodeResult.Success, CloseFrame.TryParse([], out ushort code, out int offset, out _));
        Assert.Equal(WebSocketCloseCodes.NoStatusReceived, code);
        Assert.Equal(0, offset);
    }

    [Fact]
    public void TryParse_OneByte_1002()
    {
        Assert.Equal(FrameDecodeResult.ProtocolError, CloseFrame.TryParse([0x03], out _, out _, out WebSocketCloseStatus error));
        Assert.Equal(WebSocketCloseCodes.ProtocolError, error.Code);
    }

    [Fact]
    public void TryParse_CodeAndUtf8Reason_Success()
    {
        byte[] payload = [0x0F, 0xA0, .. "caf\u00e9 \U0001F600"u8];

        Assert.Equal(FrameDecodeResult.Success, CloseFrame.TryParse(payload, out ushort code, out int offset, out _));
        Assert.Equal(4000, code);
        Assert.Equal(2, offset);
    }

    [Theory]
    [InlineData("03E8CEBAE1BDB9CF83CEBCCEB5EDA080656469746564")]
    [InlineData("03E8FF")]
    [InlineData("03E8C0AF")]
    [InlineData("03E8E282")]
    [InlineData("03E8F4908080")]
    public void TryParse_ReasonNotUtf8_1007(string hex)
    {
        Assert.Equal(FrameDecodeResult.ProtocolError, CloseFrame.TryParse(Convert.FromHexString(hex), out _, out _, out WebSocketCloseStatus error));
        Assert.Equal(WebSocketCloseCodes.InvalidPayloadData, error.Code);
    }
}
