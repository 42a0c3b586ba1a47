using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Options;

/// <summary>Stops a bad <c>Arena:Http</c> section at startup.</summary>
internal sealed class HttpOptionsValidator(string sectionPath) : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        var failures = new ValidationFailures(sectionPath);
        if (string.IsNullOrWhiteSpace(options.StaticRoot))
        {
            failures.Add($"{failures.Key(nameof(options.StaticRoot))} must name a folder (default: wwwroot).");
        }
        else if (options.StaticRoot.Contains('\0', StringComparison.Ordinal))
        {
            failures.Add($"{failures.Key(nameof(options.StaticRoot))} must not contain NUL.");
        }

        failures.Positive(nameof(options.MaxRequestBodySize), options.MaxRequestBodySize);
        failures.InRange(nameof(options.MaxStaticFileSize), options.MaxStaticFileSize, 1, Array.MaxLength);
        if (options.AdminApiKey is { } key &&
            (key.Length < HttpOptions.MinAdminApiKeyLength || key.Any(char.IsWhiteSpace) || key.Any(char.IsControl)))
        {
            failures.Add($"{failures.Key(nameof(options.AdminApiKey))} must be at least {HttpOptions.MinAdminApiKeyLength} " +
                "characters without spaces or control characters, or unset (loopback callers only).");
        }
        return failures.ToResult();
    }
}
