using System.Buffers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using ArenaServer.FunctionalTests.Game;
using ArenaServer.Protocol;
using ArenaServer.Testing;
using ArenaServer.Tests;
using Xunit;

namespace ArenaServer.FunctionalTests.Metrics;

/// <summary><c>/metrics</c> of a running server after real WebSocket sessions (ARCHITECTURE.md §14, issues 4 and 5).</summary>
public sealed class MetricsEndpointTests
{
    private static async Task<ScrapedMetrics> ScrapeUntilAsync(TestArenaServer server, Func<ScrapedMetrics, bool> condition)
    {
        // Counters are recorded on the server's own threads right after what the client saw (a close, a summary
        // refresh); scrape again until they show, bounded by the caller's DefaultTimeout.
        while (true)
        {
            ScrapedMetrics metrics = await ScrapedMetrics.GetAsync(server);
            if (condition(metrics))
            {
                return metrics;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    [Fact]
    public async Task GetMetrics_AfterGameSession_ConnectionTickAndRttFamilies()
    {
        await using TestArenaServer server = await ArenaGameServer.StartWithFastPingsAsync().DefaultTimeout();
        using GameClient client = await GameClient.ConnectAsync(server);
        await client.SendJoinAsync();
        await client.ReceiveKindAsync(EnvelopeKind.Joined);

        // The transport records the RTT sample before the session answers with Latency; the tick that sent the first
        // snapshot recorded its duration before the tick that sent the second one began.
        await client.ReceiveKindAsync(EnvelopeKind.Latency);
        ServerMessage snapshot = await client.ReceiveKindAsync(EnvelopeKind.Snapshot);
        await client.ReceiveKindAsync(EnvelopeKind.Snapshot);
        await client.SendMoveAsync(1, snapshot.Envelope.ServerTick, 1, 0);
        ScrapedMetrics metrics = await ScrapeUntilAsync(server,
            m => m.Sum("arena_players_active", ("room_type", "arena")) == 1 && m.Sum("arena_inputs_received_total") == 1)
            .DefaultTimeout();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.ContentType);
        Assert.Equal(1, metrics.Sum("arena_connections_opened_total", ("protocol", "arena.v1.msgpack")));
        Assert.Equal(1, metrics.Sum("arena_connections_active", ("protocol", "arena.v1.msgpack")));
        Assert.True(metrics.Sum("arena_tick_duration_seconds_bucket", ("room_type", "arena"), ("le", "+Inf")) > 0);
        Assert.True(metrics.Sum("arena_tick_duration_seconds_count", ("room_type", "arena")) > 0);
        Assert.True(metrics.Sum("arena_rtt_seconds_count") > 0);
        Assert.True(metrics.Sum("arena_rtt_jitter_seconds_count") > 0);
        Assert.Equal(1, metrics.Sum("arena_rooms_active", ("room_type", "arena")));
        Assert.Equal(0, metrics.Sum("arena_players_in_grace", ("room_type", "arena")));
        Assert.True(metrics.Sum("arena_outbound_frames_total", ("kind", "snapshot")) >= 2);
        Assert.True(metrics.Sum("arena_outbound_bytes_total", ("kind", "snapshot")) > 0);
        Assert.Contains("# TYPE arena_tick_duration_seconds histogram\n", metrics.Text, StringComparison.Ordinal);
        Assert.Contains("# TYPE arena_connections_opened_total counter\n", metrics.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetrics_ClientLeavesAndAnotherSkipsJoin_ClosedCodesAndProtocolError()
    {
        await using TestArenaServer server = await ArenaGameServer.StartAsync().DefaultTimeout();
        using (GameClient leaver = await GameClient.ConnectAsync(server))
        {
            await leaver.SendJoinAsync();
            await leaver.ReceiveKindAsync(EnvelopeKind.Joined);
            await leaver.SendLeaveAsync();
            Assert.Equal((WebSocketCloseStatus)CloseCodes.Left, await leaver.ReceiveCloseAsync());
        }

        using (GameClient early = await GameClient.ConnectAsync(server))
        {
            // An Input before Join is a protocol violation (proto/PROTOCOL.md §4.1): Error, then 4010.
            await early.SendMoveAsync(1, 0, 1, 0);
            Assert.Equal((WebSocketCloseStatus)CloseCodes.ProtocolViolation, await early.ReceiveCloseAsync());
        }

        ScrapedMetrics metrics = await ScrapeUntilAsync(server,
            m => m.Sum("arena_connections_closed_total") == 2).DefaultTimeout();

        Assert.Equal(1, metrics.Sum("arena_connections_closed_total", ("code", CloseCodes.Left.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(1, metrics.Sum("arena_connections_closed_total",
            ("code", CloseCodes.ProtocolViolation.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(1, metrics.Sum("arena_protocol_errors_total", ("kind", "session")));
        Assert.Equal(0, metrics.Sum("arena_connections_active"));
    }

    [Fact]
    public async Task GetMetrics_RefusedUpgradesAndJoins_CountedByReason()
    {
        await using TestArenaServer server = await ArenaGameServer.StartAsync().DefaultTimeout();
        using (var noSubprotocol = new ClientWebSocket())
        {
            await Assert.ThrowsAsync<WebSocketException>(
                () => noSubprotocol.ConnectAsync(server.GetWebSocketUri("/ws"), CancellationToken.None)).DefaultTimeout();
        }

        using GameClient client = await GameClient.ConnectAsync(server);
        await client.SendJoinAsync("no-such-type");
        ServerMessage error = await client.ReceiveKindAsync(EnvelopeKind.Error);

        ScrapedMetrics metrics = await ScrapedMetrics.GetAsync(server);

        Assert.Equal(ErrorCodes.UnknownRoomType, error.Envelope.ErrorCode);
        Assert.Equal(1, metrics.Sum("arena_handshakes_rejected_total", ("reason", "subprotocol")));
        Assert.Equal(1, metrics.Sum("arena_joins_rejected_total", ("reason", ErrorCodes.UnknownRoomType)));
    }

    [Fact]
    public async Task GetMetrics_ResumeThenReusedToken_ResumedAndRejectedOutcomes()
    {
        await using TestArenaServer server = await ArenaGameServer.StartAsync().DefaultTimeout();
        using GameClient first = await GameClient.ConnectAsync(server);
        await first.SendJoinAsync();
        ServerMessage joined = await first.ReceiveKindAsync(EnvelopeKind.Joined);
        first.Socket.Abort();
        using GameClient second = await GameClient.ConnectAsync(server);
        await second.SendResumeAsync(joined.Envelope.ResumeToken.ToArray(), 0);
        await second.ReceiveKindAsync(EnvelopeKind.Resumed);
        using GameClient replay = await GameClient.ConnectAsync(server);
        await replay.SendResumeAsync(joined.Envelope.ResumeToken.ToArray(), 0);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.ResumeRejected, await replay.ReceiveCloseAsync());

        ScrapedMetrics metrics = await ScrapeUntilAsync(server, m => m.Sum("arena_resumes_total") == 2).DefaultTimeout();

        Assert.Equal(1, metrics.Sum("arena_resumes_total", ("outcome", "resumed")));
        Assert.Equal(1, metrics.Sum("arena_resumes_total", ("outcome", "rejected")));
    }

    [Fact]
    public async Task GetMetrics_MalformedRequests_HandshakesRejectedByReason()
    {
        await using TestArenaServer server = await ArenaGameServer.StartAsync().DefaultTimeout();

        string garbage = await ExchangeAsync(server, "NOT HTTP AT ALL\r\n\r\n");
        string noKey = await ExchangeAsync(server,
            "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
        ScrapedMetrics metrics = await ScrapedMetrics.GetAsync(server);

        Assert.StartsWith("HTTP/1.1 400", garbage, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 400", noKey, StringComparison.Ordinal);
        Assert.Equal(1, metrics.Sum("arena_handshakes_rejected_total", ("reason", "bad_request")));
        Assert.Equal(1, metrics.Sum("arena_handshakes_rejected_total", ("reason", "bad_key")));
    }

    // One raw exchange: the server answers and closes, so read to the end.
    private static async Task<string> ExchangeAsync(TestArenaServer server, string request)
    {
        using var socket = new Socket(server.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.EndPoint).DefaultTimeout();
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None).DefaultTimeout();
        using var received = new MemoryStream();
        byte[] buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None).DefaultTimeout()) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }

    [Fact]
    public async Task GetMetrics_AfterGameSession_AcceptedByAnIndependentParser()
    {
        await using TestArenaServer server = await ArenaGameServer.StartWithFastPingsAsync().DefaultTimeout();
        using GameClient client = await GameClient.ConnectAsync(server);
        await client.SendJoinAsync();
        await client.ReceiveKindAsync(EnvelopeKind.Latency);
        await client.ReceiveKindAsync(EnvelopeKind.Snapshot);
        ScrapedMetrics metrics = await ScrapeUntilAsync(server, m => m.Sum("arena_rtt_seconds_count") > 0).DefaultTimeout();

        // parse-prometheus-text-format (npm) reads the whole scrape: names, types and histogram buckets.
        string json = await NodeScript.RunAsync("prometheus-parse.mjs", stdin: metrics.Text);
        using var families = System.Text.Json.JsonDocument.Parse(json);
        Dictionary<string, (string Type, int Buckets)> byName = families.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!, f => (f.GetProperty("type").GetString()!, f.GetProperty("buckets").GetInt32()));

        Assert.Equal("COUNTER", byName["arena_connections_opened_total"].Type);
        Assert.Equal("GAUGE", byName["arena_connections_active"].Type);
        Assert.Equal("HISTOGRAM", byName["arena_tick_duration_seconds"].Type);
        Assert.Equal("HISTOGRAM", byName["arena_rtt_seconds"].Type);
        Assert.True(byName["arena_rtt_seconds"].Buckets > 1, "RTT histogram buckets");
        Assert.Equal("HISTOGRAM", byName["arena_rtt_jitter_seconds"].Type);
    }
}
