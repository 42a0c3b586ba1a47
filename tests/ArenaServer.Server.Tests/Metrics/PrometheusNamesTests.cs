using ArenaServer.Server.Metrics;
using Xunit;

namespace ArenaServer.Server.Tests.Metrics;

public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("arena.connections.opened", "{connection}", "counter", "arena_connections_opened_total")]
    [InlineData("arena.connections.active", "{connection}", "gauge", "arena_connections_active")]
    [InlineData("arena.tick.duration", "s", "histogram", "arena_tick_duration_seconds")]
    [InlineData("arena.rtt.jitter", "s", "histogram", "arena_rtt_jitter_seconds")]
    [InlineData("arena.outbound.bytes", "By", "counter", "arena_outbound_bytes_total")]
    [InlineData("arena.request.size", "By", "histogram", "arena_request_size_bytes")]
    [InlineData("arena.resumes", null, "counter", "arena_resumes_total")]
    [InlineData("arena.retries_total", "1", "counter", "arena_retries_total")]
    [InlineData("3d-view.fps", "{frame}", "gauge", "_3d_view_fps")]
    public void ForInstrument_NameUnitKind_PrometheusName(string name, string? unit, string kind, string expected)
        => Assert.Equal(expected, PrometheusNames.ForInstrument(name, unit, Enum.Parse<MetricKind>(kind, ignoreCase: true)));

    [Theory]
    [InlineData("room_type", "room_type")]
    [InlineData("http.route", "http_route")]
    [InlineData("a:b", "a_b")]
    public void ForLabel_TagKey_ValidLabelName(string key, string expected) => Assert.Equal(expected, PrometheusNames.ForLabel(key));
}
