namespace ArenaServer.Server.Options;

/// <summary>The opt-in RFC 6455 echo endpoint <c>/echo</c>: configuration section <c>Arena:Conformance</c>.</summary>
public sealed class ConformanceOptions
{
    /// <summary>Whether <c>GET /echo</c> upgrades to a WebSocket that echoes every message unchanged.</summary>
    /// <remarks>Defaults to <see langword="false"/>: an echo is a free reflector for anyone who can reach the port,
    /// so it exists only when a conformance suite (e.g. Autobahn's fuzzingclient) is pointed at the server.</remarks>
    public bool EchoEnabled { get; set; }

    /// <summary>The largest message <c>/echo</c> accepts, in bytes; larger ones close with 1009.</summary>
    /// <remarks>Defaults to 16 MiB: conformance suites send messages of several MiB (Autobahn section 9), far above
    /// the game endpoint's 16 KiB.</remarks>
    public long EchoMaxMessageSize { get; set; } = 16 * 1024 * 1024;
}
