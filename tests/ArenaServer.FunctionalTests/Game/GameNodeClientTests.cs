using System.Text.Json;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>The <c>/ws</c> endpoint against an independent peer: Node's <c>ws</c> with <c>@msgpack/msgpack</c>
/// (tests/interop/game-session.mjs).</summary>
public sealed class GameNodeClientTests
{
    [Fact]
    public async Task Session_NodeMsgpackClient_JoinsPlaysPingsAndLeaves()
    {
        await using TestArenaServer server = await ArenaGameServer.StartAsync().DefaultTimeout();

        string output = await NodeScript.RunAsync("game-session.mjs", [server.GetWebSocketUri("/ws").ToString()]).DefaultTimeout();

        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement result = json.RootElement;
        Assert.Equal("arena.v1.msgpack", result.GetProperty("protocol").GetString());
        Assert.Equal(30, result.GetProperty("joined").GetProperty("tickRate").GetInt32());
        Assert.Equal(22, result.GetProperty("joined").GetProperty("tokenLength").GetInt32());
        Assert.True(result.GetProperty("ticksIncrease").GetBoolean());
        Assert.Equal(2, result.GetProperty("ackedInputSeq").GetInt32());
        Assert.Equal(4242, result.GetProperty("pong").GetProperty("clientTimeMs").GetInt32());
        Assert.True(result.GetProperty("pong").GetProperty("serverTick").GetInt64() > 0);
        Assert.Equal(4000, result.GetProperty("closeCode").GetInt32());
    }
}
