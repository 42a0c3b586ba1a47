using ArenaServer.Abstractions;

namespace ArenaServer.Samples.Arena.Tests.Guide;

/// <summary>The tags on the wire. Never reuse a retired tag: old clients would misread it.</summary>
public static class CoinMessages
{
    public static readonly MessageSet<ICoinInput> Inputs =
        MessageSet<ICoinInput>.CreateBuilder().Add<Grab>(tag: 1).Build();

    public static readonly MessageSet<ICoinOutput> Outputs =
        MessageSet<ICoinOutput>.CreateBuilder().Add<Scores>(tag: 1).Build();
}
