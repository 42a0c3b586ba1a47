using ArenaServer.Server.Rooms;
using Xunit;

namespace ArenaServer.Server.Tests.Rooms;

public sealed class ResumeTokensTests
{
    [Fact, Trait("Category", "Security"), Trait("CWE", "330")]
    public void Create_Many_Distinct128BitUrlSafeTokensWithMatchingHash()
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 1000; i++)
        {
            string token = ResumeTokens.Create(out string hash);
            Assert.Equal(22, token.Length);
            Assert.Matches("^[A-Za-z0-9_-]{22}$", token);
            Assert.Equal(64, hash.Length);
            Assert.Equal(hash, ResumeTokens.Hash(token));
            Assert.True(tokens.Add(token));
        }
    }
}
