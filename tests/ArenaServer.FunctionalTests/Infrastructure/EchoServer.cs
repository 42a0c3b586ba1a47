using ArenaServer.Testing;
using ArenaServer.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArenaServer.FunctionalTests.Infrastructure;

/// <summary>Starts a <see cref="TestArenaServer"/> with <c>/echo</c> enabled and its logs captured.</summary>
internal static class EchoServer
{
    // ServerLog event ids (src/ArenaServer.Server/ServerLog.cs).
    public const int EchoClosedEventId = 22;

    public static async Task<(TestArenaServer Server, CapturingLoggerProvider Logs)> StartAsync(
        Action<IDictionary<string, string?>>? configure = null)
    {
        var logs = new CapturingLoggerProvider();
        TestArenaServer server = await TestArenaServer.StartAsync(
            c =>
            {
                c["Arena:Conformance:EchoEnabled"] = "true";
                configure?.Invoke(c);
            },
            server => server.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs))).DefaultTimeout();
        return (server, logs);
    }

    /// <summary>Completes when the server's echo handler reports a closed connection; returns its close code.</summary>
    public static async Task<(string Reason, ushort? Code)> WaitForServerCloseAsync(this CapturingLoggerProvider logs)
    {
        LogEntry entry = await logs.WaitForAsync(e => e.EventId.Id == EchoClosedEventId).DefaultTimeout();
        return ((string)entry.Values["Reason"]!, (ushort?)entry.Values["CloseCode"]);
    }
}
