using ArenaServer.Server.StaticFiles;

namespace ArenaServer.Server.Tests.StaticFiles;

public sealed class RequestPathDecoderTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/a/b.js", "/a/b.js")]
    [InlineData("/%41%62", "/Ab")]
    [InlineData("/caf%c3%a9", "/café")]
    [InlineData("/%2e%2e", "/..")]
    [InlineData("/%252e", "/%2e")]
    public void TryDecode_ValidPath_Decodes(string raw, string expected)
    {
        Assert.True(RequestPathDecoder.TryDecode(raw, out string decoded));
        Assert.Equal(expected, decoded);
    }

    [Theory]
    [Trait("Category", "Security")]
    [Trait("CWE", "172")]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("/%")]
    [InlineData("/%4")]
    [InlineData("/%g0")]
    [InlineData("/%c0%ae")]      // overlong '.'
    [InlineData("/%ff")]         // not UTF-8
    [InlineData("/%ed%a0%80")]   // a UTF-16 surrogate encoded as UTF-8
    [InlineData("/é")]           // raw non-ASCII must be escaped
    [InlineData("/a\tb")]
    [InlineData("/a\u007fb")]
    public void TryDecode_MalformedPath_Fails(string raw)
        => Assert.False(RequestPathDecoder.TryDecode(raw, out _));
}
