using System.Text.Json;
using ArenaServer.FunctionalTests.Infrastructure;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests;

/// <summary>The <c>/echo</c> endpoint against Node's <c>ws</c> package (tests/interop/ws-echo.mjs).</summary>
public sealed class EchoNodeWsTests
{
    [Fact]
    public async Task Echo_NodeWsClient_EchoesTextAndBinaryThenClosed1000OnBothSides()
    {
        (TestArenaServer server, CapturingLoggerProvider logs) = await EchoServer.StartAsync();
        await using (server)
        {
            string output = await NodeScript.RunAsync("ws-echo.mjs", [server.GetWebSocketUri("/echo").ToString()]).DefaultTimeout();
            (string serverReason, ushort? serverCode) = await logs.WaitForServerCloseAsync();

            using JsonDocument result = JsonDocument.Parse(output);
            JsonElement root = result.RootElement;
            Assert.Equal("", root.GetProperty("protocol").GetString());
            Assert.True(root.GetProperty("textEchoed").GetBoolean(), output);
            Assert.True(root.GetProperty("binaryEchoed").GetBoolean(), output);
            Assert.Equal(1000, root.GetProperty("closeCode").GetInt32());
            Assert.Equal("ClientClosed", serverReason);
            Assert.Equal((ushort)1000, serverCode);
        }
    }
}
