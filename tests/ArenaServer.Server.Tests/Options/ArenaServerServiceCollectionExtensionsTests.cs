using ArenaServer.Server.Hosting;
using ArenaServer.Server.Options;
using ArenaServer.Testing;
using ArenaServer.Tests;
using ArenaServer.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Tests.Options;

public sealed class ArenaServerServiceCollectionExtensionsTests
{
    public static TheoryData<string, string, string> BadValues() => new()
    {
        { "Arena:Listen:Address", "localhost", "Arena:Listen:Address must be an IP address" },
        { "Arena:Listen:Address", "", "Arena:Listen:Address must be an IP address" },
        { "Arena:Listen:Port", "65536", "Arena:Listen:Port must be between 0 and 65535" },
        { "Arena:Listen:Port", "-1", "Arena:Listen:Port must be between 0 and 65535" },
        { "Arena:Listen:Backlog", "0", "Arena:Listen:Backlog must be greater than 0" },
        { "Arena:Transport:MaxMessageSize", "0", "Arena:Transport:MaxMessageSize must be greater than 0" },
        { "Arena:Transport:MaxReadBufferSize", "100", "Arena:Transport:MaxReadBufferSize must be at least 1024" },
        { "Arena:Transport:MaxWriteBufferSize", "-5", "Arena:Transport:MaxWriteBufferSize must be at least 1024" },
        { "Arena:Transport:MaxRequestHeadSize", "16", "Arena:Transport:MaxRequestHeadSize must be at least 256" },
        { "Arena:Transport:MaxRequestHeadSize", "1048576", "Arena:Transport:MaxRequestHeadSize must not exceed Arena:Transport:MaxReadBufferSize" },
        { "Arena:Transport:HandshakeTimeout", "00:00:00", "Arena:Transport:HandshakeTimeout must be a positive duration" },
        { "Arena:Transport:CloseTimeout", "-00:00:01", "Arena:Transport:CloseTimeout must be a positive duration" },
        { "Arena:Transport:PingInterval", "00:00:00", "Arena:Transport:PingInterval must be a positive duration" },
        { "Arena:Transport:PongTimeout", "00:00:01", "Arena:Transport:PongTimeout must exceed Arena:Transport:PingInterval" },
        { "Arena:Transport:PongTimeout", "00:00:02", "Arena:Transport:PongTimeout must exceed Arena:Transport:PingInterval" },
        { "Arena:Transport:OutboundQueueCapacity", "0", "Arena:Transport:OutboundQueueCapacity must be greater than 0" },
        { "Arena:Transport:SlowConsumerTimeout", "00:00:00", "Arena:Transport:SlowConsumerTimeout must be a positive duration" },
        { "Arena:Transport:MaxConnections", "0", "Arena:Transport:MaxConnections must be greater than 0" },
        { "Arena:Transport:IoUringRings", "0", "Arena:Transport:IoUringRings must be between 1 and 64" },
        { "Arena:Transport:IoUringRings", "65", "Arena:Transport:IoUringRings must be between 1 and 64" },
        { "Arena:Transport:EpollLoops", "0", "Arena:Transport:EpollLoops must be between 1 and 64" },
        { "Arena:Transport:EpollLoops", "65", "Arena:Transport:EpollLoops must be between 1 and 64" },
        { "Arena:Transport:IoEngine", "7", "Arena:Transport:IoEngine must be Sockets, Epoll, IoUring or Auto" },
        { "Arena:Tls:CertificatePath", "/nonexistent/arena-cert.pem", "Arena:Tls:CertificatePath names a file that does not exist" },
        { "Arena:Tls:KeyPath", "key.pem", "Arena:Tls:KeyPath requires Arena:Tls:CertificatePath" },
        { "Arena:Tls:HandshakeTimeout", "00:00:00", "Arena:Tls:HandshakeTimeout must be a positive duration" },
        { "Arena:Conformance:EchoMaxMessageSize", "0", "Arena:Conformance:EchoMaxMessageSize must be between 1 and" },
        { "Arena:Conformance:EchoMaxMessageSize", "4294967296", "Arena:Conformance:EchoMaxMessageSize must be between 1 and" },
        { "Arena:Http:StaticRoot", " ", "Arena:Http:StaticRoot must name a folder" },
        { "Arena:Http:MaxRequestBodySize", "0", "Arena:Http:MaxRequestBodySize must be greater than 0" },
        { "Arena:Http:MaxStaticFileSize", "0", "Arena:Http:MaxStaticFileSize must be between 1 and" },
        { "Arena:Server:TickThreads", "0", "Arena:Server:TickThreads must be between 1 and 1024" },
        { "Arena:Server:ShutdownTimeout", "00:00:00", "Arena:Server:ShutdownTimeout must be a positive duration" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task AddArenaServer_BadValue_StartupFailsNamingTheKey(string key, string value, string expectedMessage)
    {
        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => TestArenaServer.StartAsync(c => c[key] = value).DefaultTimeout());

        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddArenaServer_SeveralBadKeys_ReportsEveryOne()
    {
        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => TestArenaServer.StartAsync(c =>
            {
                c["Arena:Transport:MaxMessageSize"] = "0";
                c["Arena:Transport:PongTimeout"] = "00:00:01";
            }).DefaultTimeout());

        Assert.Contains("Arena:Transport:MaxMessageSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("Arena:Transport:PongTimeout must exceed Arena:Transport:PingInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddArenaServer_SectionAtOtherPath_MessagesNameThatPath()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Game:Listen:Port"] = "0",
            ["Game:Transport:PongTimeout"] = "00:00:01",
        });
        builder.Services.AddArenaServer(builder.Configuration.GetSection("Game"));
        using IHost host = builder.Build();

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().DefaultTimeout());

        Assert.Contains("Game:Transport:PongTimeout must exceed Game:Transport:PingInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddArenaServer_UnparsableValue_StartupFailsNamingTheKey()
    {
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TestArenaServer.StartAsync(c => c["Arena:Transport:MaxMessageSize"] = "sixteen").DefaultTimeout());

        Assert.Contains("Arena:Transport:MaxMessageSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddArenaServer_Defaults_BindDocumentedValues()
    {
        await using TestArenaServer server = await TestArenaServer.StartAsync().DefaultTimeout();

        TransportOptions transport = server.Services.GetRequiredService<IOptions<TransportOptions>>().Value;
        ConformanceOptions conformance = server.Services.GetRequiredService<IOptions<ConformanceOptions>>().Value;
        HttpOptions http = server.Services.GetRequiredService<IOptions<HttpOptions>>().Value;
        ListenOptions listen = server.Services.GetRequiredService<IOptions<ListenOptions>>().Value;
        Assert.Equal(16 * 1024, transport.MaxMessageSize);
        Assert.Equal(TimeSpan.FromSeconds(10), transport.PongTimeout);
        Assert.False(conformance.EchoEnabled);
        Assert.Equal(16 * 1024 * 1024, conformance.EchoMaxMessageSize);
        Assert.Equal("wwwroot", http.StaticRoot);
        Assert.Equal(64 * 1024, http.MaxRequestBodySize);
        Assert.Equal(512, listen.Backlog);
        Assert.Equal(0, listen.Port); // TestArenaServer's override of the Host's 8080
    }

    [Fact]
    public async Task AddArenaServer_ConfiguredValues_BindToOptions()
    {
        await using TestArenaServer server = await TestArenaServer.StartAsync(c =>
        {
            c["Arena:Transport:MaxMessageSize"] = "32768";
            c["Arena:Transport:PingInterval"] = "00:00:05";
            c["Arena:Transport:PongTimeout"] = "00:00:20";
            c["Arena:Conformance:EchoEnabled"] = "true";
            c["Arena:Conformance:EchoMaxMessageSize"] = "1048576";
        }).DefaultTimeout();

        TransportOptions transport = server.Services.GetRequiredService<IOptions<TransportOptions>>().Value;
        ConformanceOptions conformance = server.Services.GetRequiredService<IOptions<ConformanceOptions>>().Value;
        Assert.Equal(32768, transport.MaxMessageSize);
        Assert.Equal(TimeSpan.FromSeconds(5), transport.PingInterval);
        Assert.Equal(TimeSpan.FromSeconds(20), transport.PongTimeout);
        Assert.True(conformance.EchoEnabled);
        Assert.Equal(1048576, conformance.EchoMaxMessageSize);
    }
}
