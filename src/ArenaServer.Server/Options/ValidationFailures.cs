using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Options;

/// <summary>Collects startup validation failures, each naming the full configuration key (ARCHITECTURE.md §13).</summary>
internal sealed class ValidationFailures(string sectionPath)
{
    private readonly List<string> _failures = [];

    public string Key(string name) => $"{sectionPath}:{name}";

    public void Add(string message) => _failures.Add(message);

    public void Positive(string name, long value)
    {
        if (value <= 0)
        {
            Add($"{Key(name)} must be greater than 0 (was {value}).");
        }
    }

    public void AtLeast(string name, long value, long min)
    {
        if (value < min)
        {
            Add($"{Key(name)} must be at least {min} (was {value}).");
        }
    }

    public void Positive(string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            Add($"{Key(name)} must be a positive duration (was {value}).");
        }
    }

    public void InRange(string name, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Add($"{Key(name)} must be between {min} and {max} (was {value}).");
        }
    }

    public ValidateOptionsResult ToResult()
        => _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);
}
