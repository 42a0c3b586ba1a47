using System.Globalization;

namespace ArenaServer.EchoBench;

/// <summary><c>--name value</c> pairs after the command name; every value is checked against a bound.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public BenchArguments(string[] args, int start)
    {
        for (int i = start; i < args.Length; i++)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{name}'.");
            }

            _values[name[2..]] = args[++i];
        }
    }

    public string GetString(string name, string defaultValue) => _values.GetValueOrDefault(name, defaultValue);

    public string? GetOptionalString(string name) => _values.GetValueOrDefault(name);

    public int GetInt32(string name, int defaultValue, int min, int max)
    {
        if (!_values.TryGetValue(name, out string? text))
        {
            return defaultValue;
        }

        int value = int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"--{name} must be within [{min}, {max}].");
        }

        return value;
    }

    public TimeSpan GetSeconds(string name, double defaultSeconds, double maxSeconds)
    {
        double seconds = _values.TryGetValue(name, out string? text)
            ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
            : defaultSeconds;
        if (seconds < 0 || seconds > maxSeconds)
        {
            throw new ArgumentOutOfRangeException(name, seconds, $"--{name} must be within [0, {maxSeconds}] seconds.");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
