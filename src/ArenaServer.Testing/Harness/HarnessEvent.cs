namespace ArenaServer.Testing.Harness;

/// <summary>A server event as a client decoded it: <c>[68, target, name, data]</c>.</summary>
/// <param name="Channel">The channel, or null for a room event.</param>
/// <param name="Name">The event name.</param>
/// <param name="Data">The data: one encoded MessagePack value.</param>
/// <example>
/// <code>
/// Assert.Equal("double-points", harness.EventsTo(alice).Single().Name);
/// </code>
/// </example>
public sealed record HarnessEvent(string? Channel, string Name, byte[] Data);
