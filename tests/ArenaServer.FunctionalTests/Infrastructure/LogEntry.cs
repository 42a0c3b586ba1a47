using Microsoft.Extensions.Logging;

namespace ArenaServer.FunctionalTests.Infrastructure;

/// <summary>One captured log event with its structured values.</summary>
internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message,
    IReadOnlyDictionary<string, object?> Values);
