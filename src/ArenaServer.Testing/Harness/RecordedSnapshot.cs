namespace ArenaServer.Testing.Harness;

/// <summary>A snapshot body exactly as the room host encoded it (once, for every recipient).</summary>
/// <param name="Tick">The tick it was taken at.</param>
/// <param name="Tag">The body's tag in the output set.</param>
/// <param name="Body">The encoded body bytes.</param>
/// <example>
/// <code>
/// Assert.Equal(harness.SnapshotBodies.Select(s => Convert.ToHexString(s.Body)), replayed.Select(s => Convert.ToHexString(s.Body)));
/// </code>
/// </example>
public sealed record RecordedSnapshot(long Tick, byte Tag, byte[] Body);
