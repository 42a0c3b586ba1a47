using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Options;

/// <summary>Stops a bad <c>Arena:Conformance</c> section at startup.</summary>
internal sealed class ConformanceOptionsValidator(string sectionPath) : IValidateOptions<ConformanceOptions>
{
    // The RFC 6455 §5.2 length field allows 2^63 - 1, but the echo buffers a whole message in memory.
    private const long MaxEchoMessageSize = int.MaxValue;

    public ValidateOptionsResult Validate(string? name, ConformanceOptions options)
    {
        var failures = new ValidationFailures(sectionPath);
        failures.InRange(nameof(options.EchoMaxMessageSize), options.EchoMaxMessageSize, 1, MaxEchoMessageSize);
        return failures.ToResult();
    }
}
