using ArenaServer.Transport;
using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Options;

/// <summary>Stops a bad <c>Arena:Tls</c> section at startup: missing files, or a key without a certificate.</summary>
internal sealed class TlsOptionsValidator(string sectionPath) : IValidateOptions<TlsOptions>
{
    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        var failures = new ValidationFailures(sectionPath);
        failures.Positive(nameof(options.HandshakeTimeout), options.HandshakeTimeout);
        if (string.IsNullOrEmpty(options.CertificatePath))
        {
            if (!string.IsNullOrEmpty(options.KeyPath))
            {
                failures.Add($"{failures.Key(nameof(options.KeyPath))} requires {failures.Key(nameof(options.CertificatePath))}.");
            }

            return failures.ToResult();
        }

        RequireFile(failures, nameof(options.CertificatePath), options.CertificatePath);
        if (!string.IsNullOrEmpty(options.KeyPath))
        {
            RequireFile(failures, nameof(options.KeyPath), options.KeyPath);
        }

        return failures.ToResult();
    }

    private static void RequireFile(ValidationFailures failures, string name, string path)
    {
        // Relative paths are the operator's, so they resolve against the working directory, as the transport loads them.
        if (!File.Exists(path))
        {
            failures.Add($"{failures.Key(name)} names a file that does not exist ('{path}').");
        }
    }
}
