using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Options;

/// <summary>Stops a bad <c>Arena:Transport:JoinTimeout</c> at startup.</summary>
internal sealed class SessionOptionsValidator(string sectionPath) : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options)
    {
        var failures = new ValidationFailures(sectionPath);
        failures.Positive(nameof(options.JoinTimeout), options.JoinTimeout);
        return failures.ToResult();
    }
}
