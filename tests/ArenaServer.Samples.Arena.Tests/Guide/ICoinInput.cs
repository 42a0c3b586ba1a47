namespace ArenaServer.Samples.Arena.Tests.Guide;

/// <summary>Marker of the coin game's inputs.</summary>
public interface ICoinInput;
