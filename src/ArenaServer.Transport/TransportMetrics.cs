using System.Diagnostics.Metrics;
using System.Globalization;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport;

/// <summary>The transport's <c>System.Diagnostics.Metrics</c> instruments (ARCHITECTURE.md §14): WebSocket connections,
/// rejected handshakes, protocol errors and round-trip samples.</summary>
/// <remarks>Created by the server from its own <see cref="Meter"/> (one per server, never a static one, so servers
/// running side by side in one process keep their numbers apart) and handed to <see cref="ArenaListener.Metrics"/>;
/// without it the transport records nothing. Every method may be called from any thread. Tags come from small closed
/// sets, and the calls on per-message paths allocate nothing.</remarks>
public sealed class TransportMetrics
{
    /// <summary>The name of the meter every ArenaServer instrument belongs to.</summary>
    public const string MeterName = "ArenaServer";

    private const string NoSubprotocol = "none";

    // Round trips from loopback (well under 1 ms) to a bad mobile link (seconds); the last bound is the pong timeout's
    // order of magnitude.
    private static readonly double[] s_rttBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2];

    private static readonly string[] s_handshakeFailures = CreateHandshakeFailureReasons();

    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _opened;
    private readonly Counter<long> _closed;
    private readonly Counter<long> _handshakesRejected;
    private readonly Counter<long> _protocolErrors;
    private readonly Histogram<double> _rtt;

    /// <summary>Creates the instruments on <paramref name="meter"/>.</summary>
    /// <param name="meter">The server's meter, named <see cref="MeterName"/>.</param>
    public TransportMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        Meter = meter;
        _active = meter.CreateUpDownCounter<long>("arena.connections.active", "{connection}",
            "WebSocket connections open now, by subprotocol.");
        _opened = meter.CreateCounter<long>("arena.connections.opened", "{connection}",
            "WebSocket connections accepted (101 sent), by subprotocol.");
        _closed = meter.CreateCounter<long>("arena.connections.closed", "{connection}",
            "WebSocket connections ended, by subprotocol, close code sent or received (none without a handshake) and reason.");
        _handshakesRejected = meter.CreateCounter<long>("arena.handshakes.rejected", "{request}",
            "Connections refused before a WebSocket was open (request head, timeout, TLS, limits, RFC 6455 checks, origin, auth).");
        _protocolErrors = meter.CreateCounter<long>("arena.protocol.errors", "{error}",
            "Connections failed for a protocol violation, by kind.");
        _rtt = meter.CreateHistogram<double>("arena.rtt", "s",
            "Round-trip time samples: Ping sent to matching Pong read.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_rttBuckets });
    }

    /// <summary>Gets the histogram bucket bounds of <c>arena.rtt</c>, in seconds (1 ms to 2 s), for other latency
    /// histograms such as <c>arena.rtt.jitter</c>.</summary>
    public static IReadOnlyList<double> RoundTripBuckets => s_rttBuckets;

    /// <summary>Gets the meter the instruments belong to (the server creates its own instruments on it too).</summary>
    public Meter Meter { get; }

    /// <summary>Counts a WebSocket that opened (101 sent).</summary>
    /// <param name="subprotocol">The confirmed subprotocol, or null.</param>
    public void WebSocketOpened(string? subprotocol)
    {
        var protocol = new KeyValuePair<string, object?>("protocol", subprotocol ?? NoSubprotocol);
        _opened.Add(1, protocol);
        _active.Add(1, protocol);
    }

    /// <summary>Counts a WebSocket that ended.</summary>
    /// <param name="subprotocol">The confirmed subprotocol, or null (as given to <see cref="WebSocketOpened"/>).</param>
    /// <param name="code">The close code sent or received, or null when the connection ended without one.</param>
    /// <param name="reason">Why it ended.</param>
    public void WebSocketClosed(string? subprotocol, ushort? code, CloseReason reason)
    {
        var protocol = new KeyValuePair<string, object?>("protocol", subprotocol ?? NoSubprotocol);
        _active.Add(-1, protocol);

        // Once per connection, so formatting the code here is not on a per-message path.
        _closed.Add(1, protocol, new KeyValuePair<string, object?>("code", code?.ToString(CultureInfo.InvariantCulture) ?? "none"),
            new KeyValuePair<string, object?>("reason", ReasonTag(reason)));
    }

    /// <summary>Counts a connection refused before a WebSocket opened.</summary>
    /// <param name="reason">A short snake_case reason from a closed set, e.g. <c>head_too_large</c>.</param>
    public void HandshakeRejected(string reason)
        => _handshakesRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts a refused RFC 6455 handshake by its failure.</summary>
    /// <param name="failure">What the handshake validator found.</param>
    public void HandshakeRejected(HandshakeFailure failure)
    {
        int index = (int)failure;
        HandshakeRejected((uint)index < (uint)s_handshakeFailures.Length ? s_handshakeFailures[index] : "handshake");
    }

    /// <summary>Counts a connection failed for a protocol violation.</summary>
    /// <param name="kind">A short snake_case kind from a closed set, e.g. <c>framing</c> or <c>message_too_big</c>.</param>
    public void ProtocolError(string kind) => _protocolErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Records one round-trip sample.</summary>
    /// <param name="rtt">The measured round trip.</param>
    public void RoundTrip(TimeSpan rtt) => _rtt.Record(rtt.TotalSeconds);

    /// <summary>Gets the snake_case tag of a close reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The tag value.</returns>
    public static string ReasonTag(CloseReason reason) => reason switch
    {
        CloseReason.ClientClosed => "client_closed",
        CloseReason.ServerClosed => "server_closed",
        CloseReason.ProtocolError => "protocol_error",
        CloseReason.MessageTooBig => "message_too_big",
        CloseReason.InvalidUtf8 => "invalid_utf8",
        CloseReason.ConnectionLost => "connection_lost",
        CloseReason.PingTimeout => "ping_timeout",
        CloseReason.SlowConsumer => "slow_consumer",
        CloseReason.HandshakeTimeout => "handshake_timeout",
        CloseReason.Shutdown => "shutdown",
        _ => "other",
    };

    private static string[] CreateHandshakeFailureReasons()
    {
        HandshakeFailure[] values = Enum.GetValues<HandshakeFailure>();
        int max = 0;
        foreach (HandshakeFailure value in values)
        {
            max = Math.Max(max, (int)value);
        }

        string[] reasons = new string[max + 1];
        Array.Fill(reasons, "handshake");
        foreach (HandshakeFailure value in values)
        {
            if ((int)value >= 0)
            {
                reasons[(int)value] = ToSnakeCase(value.ToString());
            }
        }

        return reasons;
    }

    private static string ToSnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
