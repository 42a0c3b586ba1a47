using System.Text.Json;
using ArenaServer.FunctionalTests.Infrastructure;
using ArenaServer.Testing;
using ArenaServer.Tests;
using Microsoft.Playwright;

namespace ArenaServer.FunctionalTests.Latency;

/// <summary>Issue 5 in a real browser: headless Chromium's plain <c>WebSocket</c>, with no page code answering Pings
/// (browsers cannot see control frames), joins <c>arena</c> and is told its round-trip time.</summary>
[Collection(LatencyCollection.Name)]
public sealed class GameLatencyChromiumTests
{
    // Runs in the page: joins over arena.v1.json (so no MessagePack library is needed) and waits for [69, rtt, jitter].
    private const string JoinAndWaitForLatencyScript = """
        async (url) => {
          const ws = new WebSocket(url, ['arena.v1.json']);
          const seen = [];
          const latency = new Promise((resolve, reject) => {
            ws.onmessage = (e) => {
              const message = JSON.parse(e.data);
              seen.push(message[0]);
              if (message[0] === 69 && seen.includes(64)) { resolve(message); }
            };
            ws.onclose = (e) => reject(new Error('closed ' + e.code + ' ' + e.reason));
          });
          await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('WebSocket error')); });
          ws.send('[1,"arena"]');
          const message = await latency;
          ws.onclose = null;
          ws.close(1000, 'done');
          return JSON.stringify({ protocol: ws.protocol, latency: message, seen });
        }
        """;

    [Fact]
    [Trait("Category", "RealTime")]
    public async Task Latency_ChromiumWebSocketJoinsArena_ReceivesRttSample()
    {
        await using TestArenaServer server = await GameLatencyTests.StartServerAsync(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5))
            .DefaultTimeout();
        (IPlaywright playwright, IBrowser browser) = await Chromium.LaunchAsync().TimeoutAfter(Chromium.LaunchTimeout);
        using (playwright)
        {
            await using (browser)
            {
                IPage page = await browser.NewPageAsync().DefaultTimeout();
                IResponse? response = await page.GotoAsync(server.HttpUri.ToString()).DefaultTimeout();
                string json = await Chromium.WithScreenshotOnFailureAsync(page, nameof(GameLatencyChromiumTests),
                    () => page.EvaluateAsync<string>(JoinAndWaitForLatencyScript, server.GetWebSocketUri("/ws").ToString()).DefaultTimeout());

                Assert.NotNull(response);
                Assert.Equal(200, response.Status);
                using JsonDocument result = JsonDocument.Parse(json);
                JsonElement root = result.RootElement;
                Assert.Equal("arena.v1.json", root.GetProperty("protocol").GetString());
                JsonElement latency = root.GetProperty("latency");
                Assert.Equal(3, latency.GetArrayLength());
                Assert.Equal(69, latency[0].GetInt32());

                // Loopback: a positive round trip far below a second, and a jitter estimate that is not negative.
                Assert.InRange(latency[1].GetInt64(), 1, 1_000_000);
                Assert.True(latency[2].GetInt64() >= 0);
                Assert.Contains(64, root.GetProperty("seen").EnumerateArray().Select(e => e.GetInt32()));
            }
        }
    }
}
