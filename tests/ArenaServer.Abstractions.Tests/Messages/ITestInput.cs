namespace ArenaServer.Abstractions.Tests.Messages;

/// <summary>The marker interface of the test inputs, as a game's <c>IArenaInput</c>.</summary>
public interface ITestInput;
