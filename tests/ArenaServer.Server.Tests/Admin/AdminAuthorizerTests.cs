using System.Net;
using ArenaServer.Server.Admin;
using Xunit;

namespace ArenaServer.Server.Tests.Admin;

public sealed class AdminAuthorizerTests
{
    private const string Key = "0123456789abcdef-admin";

    private static readonly IPEndPoint s_remote = new(IPAddress.Parse("203.0.113.7"), 50000);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Check_Loopback_AllowedWithoutKey(string address)
        => Assert.Equal(AdminAccess.Allowed, new AdminAuthorizer(null).Check(new IPEndPoint(IPAddress.Parse(address), 1), null));

    [Fact, Trait("Category", "Security"), Trait("CWE", "306")]
    public void Check_RemoteNoKeyConfigured_ForbiddenEvenWithHeader()
        => Assert.Equal(AdminAccess.Forbidden, new AdminAuthorizer(null).Check(s_remote, "Bearer anything"));

    [Fact]
    public void Check_RemoteRightKey_Allowed()
        => Assert.Equal(AdminAccess.Allowed, new AdminAuthorizer(Key).Check(s_remote, "Bearer " + Key));

    [Fact]
    public void Check_SchemeCaseInsensitive_Allowed()
        => Assert.Equal(AdminAccess.Allowed, new AdminAuthorizer(Key).Check(s_remote, "bearer  " + Key));

    [Theory, Trait("Category", "Security"), Trait("CWE", "287")]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer wrong-key-of-some-length")]
    [InlineData("Bearer 0123456789abcdef-admiN")]
    [InlineData("Bearer 0123456789abcdef-admin-and-more")]
    [InlineData("Basic MDEyMzQ1Njc4OWFiY2RlZi1hZG1pbg==")]
    [InlineData("Bearer0123456789abcdef-admin")]
    public void Check_RemoteWrongOrMissingKey_Unauthorized(string? authorization)
        => Assert.Equal(AdminAccess.Unauthorized, new AdminAuthorizer(Key).Check(s_remote, authorization));

    [Fact]
    public void Check_UnknownEndPointType_NotLoopback()
        => Assert.Equal(AdminAccess.Forbidden, new AdminAuthorizer(null).Check(new DnsEndPoint("localhost", 1), null));
}
