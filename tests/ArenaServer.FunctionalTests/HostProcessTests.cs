using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Net.WebSockets;
using ArenaServer.FunctionalTests.Infrastructure;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests;

/// <summary>The runnable Host's command-line contract (issue 2, part 6), run as a real child process.</summary>
public sealed class HostProcessTests
{
    [Theory]
    [InlineData("TERM")] // systemd, Docker, Kubernetes
    [InlineData("INT")]  // Ctrl+C
    public async Task Host_StopSignal_ClosesConnectionsWith1001AndExitsZero(string signal)
    {
        // Production (as HostProcess runs it) refuses anonymous players; this test lets the game connection in.
        await using HostProcess host = HostProcess.Start("--Arena:Listen:Port=0", "--Arena:Conformance:EchoEnabled=true",
            "--Arena:Auth:AllowAnonymous=true");
        int port = await host.WaitForListeningAsync().DefaultTimeout();

        using var http = new HttpClient();
        string index = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")).DefaultTimeout();
        string health = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/healthz")).DefaultTimeout();
        using var client = new ClientWebSocket();
        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/echo"), CancellationToken.None).DefaultTimeout();
        await client.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).DefaultTimeout();
        (_, byte[] echo) = await client.ReceiveMessageAsync();

        using var player = new ClientWebSocket();
        player.Options.AddSubProtocol("arena.v1.msgpack");
        await player.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/ws"), CancellationToken.None).DefaultTimeout();
        await player.SendAsync(Convert.FromHexString("9201a56172656e61"), WebSocketMessageType.Binary, endOfMessage: true, // [1,"arena"]
            CancellationToken.None).DefaultTimeout();
        (_, byte[] joined) = await player.ReceiveMessageAsync();

        Task<WebSocketReceiveResult> receive = client.ReceiveAsync(new byte[64], CancellationToken.None);
        await host.SignalAsync(signal);
        WebSocketReceiveResult closing = await receive.DefaultTimeout();
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).DefaultTimeout();
        WebSocketCloseStatus? playerClose = await player.ReceiveCloseAndAnswerAsync();
        int exitCode = await host.WaitForExitAsync();

        Assert.Contains("ArenaServer", index, StringComparison.Ordinal); // wwwroot found next to the dll, not in the cwd
        Assert.Equal("""{"status":"ok"}""", health);
        Assert.Equal("ping"u8.ToArray(), echo);
        Assert.Equal(WebSocketMessageType.Close, closing.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, closing.CloseStatus); // 1001 Going Away
        Assert.Equal(0x40, joined[1]); // Joined
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, playerClose); // players too, after their room closed
        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {host.StandardError}");
    }

    [Fact]
    public async Task Host_EchoNotEnabled_EchoAnswers404()
    {
        await using HostProcess host = HostProcess.Start("--Arena:Listen:Port=0");
        int port = await host.WaitForListeningAsync().DefaultTimeout();
        using var client = new ClientWebSocket();

        WebSocketException error = await Assert.ThrowsAsync<WebSocketException>(
            () => client.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/echo"), CancellationToken.None).DefaultTimeout());
        await host.SignalAsync("TERM");

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.WaitForExitAsync());
    }

    [Fact]
    public async Task Host_EnvironmentVariables_OverrideAppsettings()
    {
        // ARCHITECTURE.md §13: appsettings.json (Port 8080), then environment variables, then the command line.
        await using HostProcess host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Arena__Listen__Port"] = "0",
            ["Arena__Conformance__EchoEnabled"] = "true",
        });
        int port = await host.WaitForListeningAsync().DefaultTimeout();
        using var client = new ClientWebSocket();

        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/echo"), CancellationToken.None).DefaultTimeout();
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).DefaultTimeout();
        await host.SignalAsync("TERM");

        Assert.NotEqual(8080, port);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        Assert.Equal(0, await host.WaitForExitAsync());
    }

    [Fact]
    public async Task Host_PortInUse_ExitsNonZeroWithOneLineError()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        occupant.Listen();
        int port = ((IPEndPoint)occupant.LocalEndPoint!).Port;
        await using HostProcess host = HostProcess.Start($"--Arena:Listen:Port={port}");

        int exitCode = await host.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith("ArenaServer failed to start:", host.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", host.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_InvalidConfiguration_ExitsNonZeroNamingTheKey()
    {
        await using HostProcess host = HostProcess.Start("--Arena:Listen:Port=0", "--Arena:Transport:PongTimeout=00:00:01");

        int exitCode = await host.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Arena:Transport:PongTimeout must exceed Arena:Transport:PingInterval", host.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", host.StandardOutput, StringComparison.Ordinal);
    }
}
