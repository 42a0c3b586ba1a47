using System.Text.Json;
using ArenaServer.FunctionalTests.Infrastructure;
using ArenaServer.Testing;
using ArenaServer.Tests;
using Microsoft.Playwright;

namespace ArenaServer.FunctionalTests;

/// <summary>The <c>/echo</c> endpoint against headless Chromium's own WebSocket, from a page our static route serves.</summary>
public sealed class EchoChromiumTests
{
    // Runs in the page: connects, echoes a text and a binary message, closes with 1000, and reports what it saw.
    private const string EchoScript = """
        async (url) => {
          const ws = new WebSocket(url);
          ws.binaryType = 'arraybuffer';
          const nextMessage = () => new Promise((resolve) => { ws.onmessage = (e) => resolve(e.data); });
          await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('WebSocket error')); });
          ws.send('hello from chromium ☃');
          const text = await nextMessage();
          ws.send(new Uint8Array([0, 1, 2, 127, 128, 254, 255]));
          const binary = await nextMessage();
          const closed = new Promise((resolve) => { ws.onclose = (e) => resolve({ code: e.code, wasClean: e.wasClean }); });
          ws.close(1000, 'done');
          const close = await closed;
          return JSON.stringify({
            protocol: ws.protocol,
            text,
            binary: Array.from(new Uint8Array(binary)),
            closeCode: close.code,
            wasClean: close.wasClean,
          });
        }
        """;

    [Fact]
    public async Task Echo_ChromiumWebSocket_EchoesTextAndBinaryThenClosed1000OnBothSides()
    {
        (TestArenaServer server, CapturingLoggerProvider logs) = await EchoServer.StartAsync();
        await using (server)
        {
            (IPlaywright playwright, IBrowser browser) = await Chromium.LaunchAsync().TimeoutAfter(Chromium.LaunchTimeout);
            using (playwright)
            {
                await using (browser)
                {
                    IPage page = await browser.NewPageAsync().DefaultTimeout();
                    IResponse? response = await page.GotoAsync(server.HttpUri.ToString()).DefaultTimeout();
                    string json = await Chromium.WithScreenshotOnFailureAsync(page, nameof(EchoChromiumTests),
                        () => page.EvaluateAsync<string>(EchoScript, server.GetWebSocketUri("/echo").ToString()).DefaultTimeout());
                    (string serverReason, ushort? serverCode) = await logs.WaitForServerCloseAsync();

                    Assert.NotNull(response);
                    Assert.Equal(200, response.Status);
                    Assert.Contains("ArenaServer", await page.TitleAsync().DefaultTimeout(), StringComparison.Ordinal);
                    using JsonDocument result = JsonDocument.Parse(json);
                    JsonElement root = result.RootElement;
                    Assert.Equal("", root.GetProperty("protocol").GetString());
                    Assert.Equal("hello from chromium ☃", root.GetProperty("text").GetString());
                    Assert.Equal([0, 1, 2, 127, 128, 254, 255], root.GetProperty("binary").EnumerateArray().Select(e => e.GetInt32()));
                    Assert.Equal(1000, root.GetProperty("closeCode").GetInt32());
                    Assert.True(root.GetProperty("wasClean").GetBoolean());
                    Assert.Equal("ClientClosed", serverReason);
                    Assert.Equal((ushort)1000, serverCode);
                }
            }
        }
    }
}
