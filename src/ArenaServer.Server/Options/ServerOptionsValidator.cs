using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Options;

/// <summary>Stops a bad <c>Arena:Server</c> section at startup.</summary>
internal sealed class ServerOptionsValidator(string sectionPath) : IValidateOptions<ServerOptions>
{
    // A tick thread per core is the design; far more than that only adds context switches.
    private const int MaxTickThreads = 1024;

    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var failures = new ValidationFailures(sectionPath);
        failures.InRange(nameof(options.TickThreads), options.TickThreads, 1, MaxTickThreads);
        failures.Positive(nameof(options.ShutdownTimeout), options.ShutdownTimeout);
        return failures.ToResult();
    }
}
