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
            if (origin != "*" && !IsOrigin(origin))
            {
                failures.Add($"{failures.Key($"{nameof(options.AllowedOrigins)}:{i}")} must be \"*\" or an absolute origin like https://example.com (was '{origin}').");
            }
        }

        return failures.ToResult();
    }

    // An origin is scheme://host[:port] (RFC 6454 §6.1); browsers send only http(s) origins to a WebSocket server.
    private static bool IsOrigin(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
           uri.Host.Length > 0 && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0;
}
