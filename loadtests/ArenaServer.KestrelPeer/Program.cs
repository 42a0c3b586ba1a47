using System.Net;
using ArenaServer.KestrelPeer;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// The Kestrel + System.Net.WebSockets peer for the transport benchmarks (docs/benchmarks.md). It is written the way
// the ASP.NET Core docs show an echo server, so it measures what an application developer gets out of the box.
// Usage: ArenaServer.KestrelPeer [--port 0]. Prints "KestrelPeer listening on http://127.0.0.1:PORT/" once bound.
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
