using ArenaServer.Server.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace ArenaServer.Server.Tests.Admin;

public sealed class AdminApiKeyOptionTests
{
    [Theory]
    [InlineData("short")]
    [InlineData("sixteen chars key")]
    [InlineData("0123456789abcdef\t")]
    public async Task StartAsync_WeakAdminApiKey_StartupFailsNamingTheKey(string key)
    {
        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => TestArenaServer.StartAsync(c => c["Arena:Http:AdminApiKey"] = key).DefaultTimeout());

        Assert.Contains("Arena:Http:AdminApiKey must be at least 16 characters", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NoOrStrongAdminApiKey_Binds()
    {
        await using TestArenaServer withoutKey = await TestArenaServer.StartAsync().DefaultTimeout();
        await using TestArenaServer withKey = await TestArenaServer.StartAsync(
            c => c["Arena:Http:AdminApiKey"] = "0123456789abcdef-admin").DefaultTimeout();

        Assert.Null(withoutKey.Services.GetRequiredService<IOptions<HttpOptions>>().Value.AdminApiKey);
        Assert.Equal("0123456789abcdef-admin", withKey.Services.GetRequiredService<IOptions<HttpOptions>>().Value.AdminApiKey);
    }
}
