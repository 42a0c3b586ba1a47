using ArenaServer.Abstractions.Rooms;
using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Options;

/// <summary>Stops bad <c>Arena:Rooms</c> defaults at startup, with the rules every room type's options obey.</summary>
internal sealed class RoomDefaultsValidator(string sectionPath) : IValidateOptions<RoomOptions>
{
    public ValidateOptionsResult Validate(string? name, RoomOptions options)
    {
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        // RoomOptions names its keys "Rooms:X"; prefix the rest of the path so the message names the full key.
        string prefix = sectionPath.EndsWith("Rooms", StringComparison.Ordinal) ? sectionPath[..^"Rooms".Length] : string.Empty;
        return ValidateOptionsResult.Fail(errors.Select(error => prefix + error));
    }
}
