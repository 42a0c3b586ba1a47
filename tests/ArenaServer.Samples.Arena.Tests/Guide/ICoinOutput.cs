namespace ArenaServer.Samples.Arena.Tests.Guide;

/// <summary>Marker of the coin game's outputs.</summary>
public interface ICoinOutput;
