using System.Diagnostics.Metrics;
using ArenaServer.Protocol;
using ArenaServer.Server.Rooms;
using ArenaServer.Transport;

namespace ArenaServer.Server.Metrics;

/// <summary>One server's instruments, all on its own <c>ArenaServer</c> meter from the DI <see cref="IMeterFactory"/>
/// (ARCHITECTURE.md §14): the transport's (<see cref="Transport"/>), the room engine's (<see cref="Rooms"/>), the
/// <c>/ws</c> session's (joins, resumes, jitter), and gauges computed at scrape time from the rooms' published
/// <see cref="RoomInfo"/>.</summary>
/// <remarks>Any thread. A DI singleton; the meter is disposed with the factory, which the service provider owns.</remarks>
internal sealed class ArenaMetrics
{
    private const string SessionKind = "session";

    private readonly Counter<long> _joinsRejected;
    private readonly Histogram<double> _jitter;
    private int _observing;

    public ArenaMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(new MeterOptions(TransportMetrics.MeterName));
        Transport = new TransportMetrics(Meter);
        Rooms = new RoomMetrics(Meter);
        _joinsRejected = Meter.CreateCounter<long>("arena.joins.rejected", "{join}",
            "Joins refused, by the error code the client got (room_full, room_locked, room_busy, join_rejected, room_not_found, unknown_room_type).");
        _jitter = Meter.CreateHistogram<double>("arena.rtt.jitter", "s",
            "Players' round-trip variation (RFC 6298 RTTVAR) after each sample.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TransportMetrics.RoundTripBuckets });
    }

    /// <summary>Gets the server's meter.</summary>
    public Meter Meter { get; }

    /// <summary>Gets the transport's instruments (handed to the listener).</summary>
    public TransportMetrics Transport { get; }

    /// <summary>Gets the room engine's instruments (handed to every room host).</summary>
    public RoomMetrics Rooms { get; }

    /// <summary>Adds <c>arena.rooms.active</c>, <c>arena.players.active</c> and <c>arena.players.in_grace</c> per room
    /// type, read from the rooms' published summaries when a scrape asks; once.</summary>
    /// <param name="rooms">The node's rooms.</param>
    public void ObserveRooms(RoomManager rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        if (Interlocked.Exchange(ref _observing, 1) != 0)
        {
            return;
        }

        Meter.CreateObservableUpDownCounter("arena.rooms.active", () => Count(rooms, static _ => 1), "{room}",
            "Open rooms, by room type.");
        Meter.CreateObservableUpDownCounter("arena.players.active", () => Count(rooms, static info => info.Connected), "{player}",
            "Players with a connection, by room type (as of each room's last summary, at most about a second old).");
        Meter.CreateObservableUpDownCounter("arena.players.in_grace", () => Count(rooms, static info => info.Players - info.Connected),
            "{player}", "Seats held for a dropped player within the reconnect grace period, by room type.");
    }

    /// <summary>Counts a join refused with <paramref name="errorCode"/> (a proto/PROTOCOL.md error code).</summary>
    public void JoinRejected(string errorCode) => _joinsRejected.Add(1, new KeyValuePair<string, object?>("reason", errorCode));

    /// <summary>Counts the outcome of a join or resume the room answered.</summary>
    /// <param name="isResume">Whether it was a resume.</param>
    /// <param name="status">The room's answer.</param>
    public void SeatAnswered(bool isResume, SeatStatus status)
    {
        if (isResume)
        {
            if (status == SeatStatus.Resumed)
            {
                Rooms.Resumed();
            }
            else
            {
                Rooms.ResumeRejected();
            }
        }
        else if (status is not (SeatStatus.Joined or SeatStatus.Resumed))
        {
            JoinRejected(status switch
            {
                SeatStatus.RoomFull => ErrorCodes.RoomFull,
                SeatStatus.Locked => ErrorCodes.RoomLocked,
                SeatStatus.RoomBusy => ErrorCodes.RoomBusy,
                SeatStatus.RoomClosed => ErrorCodes.RoomNotFound,
                _ => ErrorCodes.JoinRejected,
            });
        }
    }

    /// <summary>Counts a resume refused before it reached a room (no room holds the token).</summary>
    public void ResumeRejected() => Rooms.ResumeRejected();

    /// <summary>Counts a <c>/ws</c> session failed with 4010 (proto/PROTOCOL.md §4.1).</summary>
    public void SessionProtocolError() => Transport.ProtocolError(SessionKind);

    /// <summary>Counts a <c>/ws</c> upgrade refused by the game endpoint, by the status it answered.</summary>
    /// <param name="status">403 (origin), 400 (no arena subprotocol) or 401 (authentication).</param>
    public void UpgradeRefused(int status) => Transport.HandshakeRejected(status switch
    {
        403 => "origin",
        401 => "unauthorized",
        400 => "subprotocol",
        _ => "refused",
    });

    /// <summary>Records a player's latency after an RTT sample: the raw sample goes to <c>arena.rtt</c> through the
    /// transport, the smoothed variation here.</summary>
    /// <param name="jitter">RTTVAR after the sample.</param>
    public void Jitter(TimeSpan jitter) => _jitter.Record(jitter.TotalSeconds);

    private static List<Measurement<long>> Count(RoomManager rooms, Func<RoomInfo, int> select)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string type in rooms.RoomTypes)
        {
            counts[type] = 0;
        }

        foreach (RoomInfo info in rooms.AllInfos())
        {
            counts[info.RoomType] = counts.GetValueOrDefault(info.RoomType) + select(info);
        }

        var measurements = new List<Measurement<long>>(counts.Count);
        foreach (KeyValuePair<string, long> count in counts)
        {
            measurements.Add(new Measurement<long>(count.Value, new KeyValuePair<string, object?>("room_type", count.Key)));
        }

        return measurements;
    }
}
