using System.Text.Json;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Admin;
using ArenaServer.Server.Hosting;
using ArenaServer.Server.Metrics;
using ArenaServer.Server.Rooms;
using ArenaServer.Server.Tests.Rooms;
using ArenaServer.Server.Tests.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ArenaServer.Server.Tests.Admin;

public sealed class AdminEndpointsTests : IAsyncLifetime
{
    private TestArenaServer _server = null!;

    public async Task InitializeAsync()
        => _server = await TestArenaServer.StartAsync(null, server => server.AddRoomType<TestRoom, ITestInput, ITestOutput>(
            "test", TestMessages.Inputs, TestMessages.Outputs, room => room.MaxPlayers = 4)).DefaultTimeout();

    public async Task DisposeAsync() => await _server.DisposeAsync().AsTask().DefaultTimeout();

    private Task<RawHttpResponse> GetAsync(string target, string extraHeaders = "")
        => RawHttpResponse.SendAsync(_server.EndPoint, $"GET {target} HTTP/1.1\r\nHost: x\r\n{extraHeaders}\r\n");

    private async Task<IRoomHandle> CreateRoomAsync(bool isPrivate)
    {
        RoomManager rooms = _server.Services.GetRequiredService<RoomManager>();
        Assert.True(rooms.TryCreate("test", default, isPrivate, out IRoomHandle? room));

        // The tick thread starts the room and publishes its first summary; wait for it.
        while (room!.Info is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }

        return room;
    }

    [Fact]
    public async Task GetMetrics_Loopback_PrometheusText()
    {
        RawHttpResponse response = await GetAsync("/metrics");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Headers["Content-Type"]);
        Assert.Contains("# TYPE arena_rooms_active gauge\narena_rooms_active{room_type=\"test\"} 0\n", response.BodyText,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadMetrics_Loopback_HeadersWithoutBody()
    {
        RawHttpResponse response = await RawHttpResponse.SendAsync(_server.EndPoint, "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task PostMetrics_MethodNotAllowed()
    {
        RawHttpResponse response = await RawHttpResponse.SendAsync(_server.EndPoint,
            "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal(405, response.StatusCode);
    }

    [Fact]
    public async Task GetAdminRooms_PublicAndPrivateRooms_AllListedWithDocumentedFields()
    {
        IRoomHandle open = await CreateRoomAsync(isPrivate: false).DefaultTimeout();
        IRoomHandle hidden = await CreateRoomAsync(isPrivate: true).DefaultTimeout();

        RawHttpResponse response = await GetAsync("/admin/rooms");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Headers["Content-Type"]);
        using JsonDocument json = JsonDocument.Parse(response.Body);
        JsonElement[] rooms = [.. json.RootElement.EnumerateArray()];
        Assert.Equal(2, rooms.Length);
        JsonElement room = Assert.Single(rooms, r => r.GetProperty("id").GetString() == hidden.Id.Value);
        Assert.Equal(
            ["id", "type", "node", "players", "connected", "spectators", "maxPlayers", "locked", "private", "tick", "tickP99Ms", "created"],
            room.EnumerateObject().Select(property => property.Name));
        Assert.Equal("test", room.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, room.GetProperty("node").ValueKind);
        Assert.Equal(4, room.GetProperty("maxPlayers").GetInt32());
        Assert.True(room.GetProperty("private").GetBoolean());
        Assert.True(room.GetProperty("tickP99Ms").GetDouble() >= 0);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", room.GetProperty("created").GetString());
        Assert.DoesNotContain("\\u", response.BodyText, StringComparison.Ordinal);
        Assert.Contains(rooms, r => r.GetProperty("id").GetString() == open.Id.Value && !r.GetProperty("private").GetBoolean());
    }

    [Fact]
    public async Task GetAdmin_Loopback_SelfContainedPage()
    {
        RawHttpResponse response = await GetAsync("/admin");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Headers["Content-Type"]);
        Assert.Contains("fetch('/admin/rooms'", response.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", response.BodyText, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers["Content-Security-Policy"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLobby_PublicRoomOnly_ExactShape()
    {
        IRoomHandle open = await CreateRoomAsync(isPrivate: false).DefaultTimeout();
        await CreateRoomAsync(isPrivate: true).DefaultTimeout();

        RawHttpResponse response = await GetAsync("/api/rooms?type=test");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Headers["Content-Type"]);
        Assert.Equal($$"""[{"id":"{{open.Id.Value}}","type":"test","players":0,"maxPlayers":4,"locked":false,"metadata":null}]""",
            response.BodyText);
    }

    [Fact]
    public async Task GetLobby_NoRooms_EmptyArray()
    {
        RawHttpResponse response = await GetAsync("/api/rooms?other=1&type=te%73t");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("[]", response.BodyText);
    }

    [Theory]
    [InlineData("/api/rooms", 400)]
    [InlineData("/api/rooms?type=", 400)]
    [InlineData("/api/rooms?kind=test", 400)]
    [InlineData("/api/rooms?type=nope", 404)]
    public async Task GetLobby_MissingOrUnknownType_Error(string target, int status)
        => Assert.Equal(status, (await GetAsync(target)).StatusCode);

    [Fact]
    public async Task GetHealthz_Draining_503Draining()
    {
        _server.Services.GetRequiredService<ArenaServerLifecycle>().BeginDraining();

        RawHttpResponse response = await GetAsync("/healthz");

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("""{"status":"draining"}""", response.BodyText);
    }

    [Fact]
    public void ArenaMetrics_Meter_ScopedToTheServersFactory()
    {
        ArenaMetrics metrics = _server.Services.GetRequiredService<ArenaMetrics>();

        Assert.Same(_server.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), metrics.Meter.Scope);
    }

    [Fact]
    public async Task GetMetrics_TwoServersInOneProcess_EachCountsOnlyItsOwnRooms()
    {
        await using TestArenaServer other = await TestArenaServer.StartAsync(null, server => server
            .AddRoomType<TestRoom, ITestInput, ITestOutput>("test", TestMessages.Inputs, TestMessages.Outputs)).DefaultTimeout();
        await CreateRoomAsync(isPrivate: false).DefaultTimeout();

        RawHttpResponse mine = await GetAsync("/metrics");
        RawHttpResponse theirs = await RawHttpResponse.SendAsync(other.EndPoint, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Contains("arena_rooms_active{room_type=\"test\"} 1\n", mine.BodyText, StringComparison.Ordinal);
        Assert.Contains("arena_rooms_active{room_type=\"test\"} 0\n", theirs.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?type=arena", "type", "arena")]
    [InlineData("?a=1&type=a%20b", "type", "a b")]
    [InlineData("?type=x+y&type=z", "type", "x y")]
    [InlineData("?typex=1", "type", null)]
    [InlineData("?type", "type", "")]
    [InlineData("", "type", null)]
    public void GetQueryValue_Query_FirstDecodedValue(string query, string name, string? expected)
        => Assert.Equal(expected, AdminEndpoints.GetQueryValue(query, name));
}
