using System.Net;

namespace ArenaServer.ConformanceTests.Infrastructure;

/// <summary>
/// Where the suite points. By default an in-process <c>TestArenaServer</c>'s <c>/echo</c>; with
/// <c>ARENA_CONFORMANCE_URI=ws://127.0.0.1:9001/</c> any other echo server (a reference implementation, or a
/// Host started with <c>--Arena:Conformance:EchoEnabled=true</c>), so the suite itself can be checked against a peer.
/// </summary>
internal static class ConformanceTarget
{
    public const string EnvironmentVariable = "ARENA_CONFORMANCE_URI";

    public static Uri? ExternalUri
    {
        get
        {
            string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(value) ? null : new Uri(value);
        }
    }

    public static IPEndPoint EndPointOf(Uri uri) => new(IPAddress.Parse(uri.Host), uri.Port);
}
