using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Options;

/// <summary>Stops a bad <c>Arena:MessagePack</c> section at startup.</summary>
internal sealed class MessagePackLimitsOptionsValidator(string sectionPath) : IValidateOptions<MessagePackLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagePackLimitsOptions options)
    {
        var failures = new ValidationFailures(sectionPath);
        failures.InRange(nameof(options.MaxDepth), options.MaxDepth, 2, 1000);
        failures.InRange(nameof(options.MaxCollectionLength), options.MaxCollectionLength, 1, 1 << 20);
        return failures.ToResult();
    }
}
