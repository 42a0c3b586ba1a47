namespace ArenaServer.ConformanceTests.Infrastructure;

/// <summary>
/// All sections share one server and run one case at a time, like Autobahn's fuzzingclient: cases stay
/// deterministic, and the limits section does not compete with the others for the machine's two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EchoServerCollection : ICollectionFixture<EchoServerFixture>
{
    public const string Name = "Echo server";
}
