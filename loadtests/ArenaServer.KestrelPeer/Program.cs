using System.Net;
using ArenaServer.KestrelPeer;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// The Kestrel + System.Net.WebSockets peer for the transport benchmarks (docs/benchmarks.md). It is written the way
// the ASP.NET Core docs show an echo server, so it measures what an application developer gets out of the box.
// Usage: ArenaServer.KestrelPeer [--port 0]. Prints "KestrelPeer listening on http://127.0.0.1:PORT/" once bound.
// The GC, the inline-completion switch and CPU placement come from the environment the benchmark script sets for
// both servers alike.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
int port = builder.Configuration.GetValue("port", 0);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    // Loopback only: the benchmark never leaves the machine.
    kestrel.Listen(IPAddress.Loopback, port);
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxConcurrentConnections = null;
    kestrel.Limits.MaxConcurrentUpgradedConnections = null;
});

// When the benchmark runs both servers with the runtime's inline socket completions
// (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1), Kestrel gets its own matching switch, as its documentation
// recommends pairing the two: transport and application continuations then run on the I/O thread as well.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") == "1")
{
    builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
}

WebApplication app = builder.Build();
app.UseWebSockets();

FanOutHub hub = new();
app.Map("/echo", EchoEndpoint.HandleAsync);
app.Map("/fanout", hub.HandleAsync);
// Benchmark diagnostic only: a full GC, then the managed heap size (read by EchoBench idle).
app.MapGet("/stats", () =>
{
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    return Results.Json(new { managedBytes = GC.GetTotalMemory(forceFullCollection: false) });
});

await app.StartAsync();
string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
    .Addresses.First();
int boundPort = new Uri(address).Port;
Console.WriteLine($"KestrelPeer listening on http://127.0.0.1:{boundPort}/");
await app.WaitForShutdownAsync();
