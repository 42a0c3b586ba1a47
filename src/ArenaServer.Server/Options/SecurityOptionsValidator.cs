using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Options;

/// <summary>Stops a bad <c>Arena:Security</c> section at startup.</summary>
internal sealed class SecurityOptionsValidator(string sectionPath) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new ValidationFailures(sectionPath);
        for (int i = 0; i < options.AllowedOrigins.Count; i++)
        {
            string origin = options.AllowedOrigins[i];
            if (origin != "*" && !Uri.TryCreate(origin, UriKind.Absolute, out _))
            {
                failures.Add($"{failures.Key($"{nameof(options.AllowedOrigins)}:{i}")} must be \"*\" or an absolute origin like https://example.com (was '{origin}').");
            }
        }

        return failures.ToResult();
    }
}
