namespace ArenaServer.Samples.Arena;

/// <summary>The arena's client-to-server messages (<see cref="ArenaMessages.Inputs"/>).</summary>
public interface IArenaInput;
