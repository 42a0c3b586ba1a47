using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Options;

/// <summary>Validates <c>Arena:Auth</c>; every value is valid until signing keys exist.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) => ValidateOptionsResult.Success;
}
