namespace ArenaServer.Samples.Arena;

/// <summary>The arena's server-to-client messages and snapshots (<see cref="ArenaMessages.Outputs"/>).</summary>
public interface IArenaOutput;
