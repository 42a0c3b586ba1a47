namespace ArenaServer.Server.Options;

/// <summary>Where the server listens: configuration section <c>Arena:Listen</c>.</summary>
public sealed class ListenOptions
{
    /// <summary>The IP address to bind.</summary>
    /// <remarks>Defaults to <c>127.0.0.1</c>: a fresh install must not be reachable from the network until someone
    /// binds <c>0.0.0.0</c> (or <c>::</c>, dual mode) on purpose.</remarks>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The TCP port to bind; <c>0</c> asks the operating system for a free one.</summary>
    /// <remarks>Defaults to 8080: an unprivileged port that the README's quick start prints.</remarks>
    public int Port { get; set; } = 8080;

    /// <summary>The listen backlog: connections the kernel queues before the accept loop takes them.</summary>
    /// <remarks>Defaults to 512, like Kestrel: enough to absorb a reconnect storm after a restart.</remarks>
    public int Backlog { get; set; } = 512;
}
