using System.Net;
using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Options;

/// <summary>Stops a bad <c>Arena:Listen</c> section at startup.</summary>
internal sealed class ListenOptionsValidator(string sectionPath) : IValidateOptions<ListenOptions>
{
    public ValidateOptionsResult Validate(string? name, ListenOptions options)
    {
        var failures = new ValidationFailures(sectionPath);
        if (!IPAddress.TryParse(options.Address, out _))
        {
            failures.Add($"{failures.Key(nameof(options.Address))} must be an IP address such as 127.0.0.1 or 0.0.0.0 " +
                $"(was '{options.Address}').");
        }

        failures.InRange(nameof(options.Port), options.Port, IPEndPoint.MinPort, IPEndPoint.MaxPort);
        failures.Positive(nameof(options.Backlog), options.Backlog);
        return failures.ToResult();
    }
}
