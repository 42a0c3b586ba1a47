using ArenaServer.Samples.Arena;
using ArenaServer.Server.Hosting;
using ArenaServer.Server.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// Files (appsettings*.json, wwwroot) are found next to the build output, not in the current directory, so the
// Host runs the same from the repository root, from its project folder, or from an --artifacts-path elsewhere.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddArenaServer(builder.Configuration.GetSection("Arena"))
    .AddRoomType<ArenaRoom, IArenaInput, IArenaOutput>("arena", ArenaMessages.Inputs, ArenaMessages.Outputs,
        room => { room.TickRate = 30; room.MaxPlayers = 16; });

// The host cancels a stop that outlives its own ShutdownTimeout: let Arena:Server:ShutdownTimeout govern both.
builder.Services.AddOptions<HostOptions>().Configure<IOptions<ServerOptions>>(
    (host, server) => host.ShutdownTimeout = server.Value.ShutdownTimeout);

using IHost host = builder.Build();
try
{
    await host.StartAsync();
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    // A bad configuration (ValidateOnStart names the key) or a port in use: one clear line, no stack trace.
    await Console.Error.WriteLineAsync($"ArenaServer failed to start: {ex.Message}");
    return 1;
}

ArenaServerAddresses addresses = host.Services.GetRequiredService<ArenaServerAddresses>();

// Printed only now, when the socket is bound: scripts and tests wait for this exact line (with the real port).
Console.WriteLine($"ArenaServer listening on {addresses.HttpUri} ({addresses.Mode} mode)");

// SIGTERM and Ctrl+C stop the host: every WebSocket gets 1001, then the process exits 0.
await host.WaitForShutdownAsync();
return 0;
