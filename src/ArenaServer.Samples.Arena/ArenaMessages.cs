using ArenaServer.Abstractions;

namespace ArenaServer.Samples.Arena;

/// <summary>The arena's message sets, shared by the server, clients and tests. Never reuse a retired tag.</summary>
public static class ArenaMessages
{
    /// <summary>Client inputs: <see cref="Move"/> = 1, <see cref="Fire"/> = 2.</summary>
    public static readonly MessageSet<IArenaInput> Inputs =
        MessageSet<IArenaInput>.CreateBuilder().Add<Move>(tag: 1).Add<Fire>(tag: 2).Build();

    /// <summary>Server outputs: <see cref="WorldSnapshot"/> = 1, <see cref="Hit"/> = 2.</summary>
    public static readonly MessageSet<IArenaOutput> Outputs =
        MessageSet<IArenaOutput>.CreateBuilder().Add<WorldSnapshot>(tag: 1).Add<Hit>(tag: 2).Build();
}
