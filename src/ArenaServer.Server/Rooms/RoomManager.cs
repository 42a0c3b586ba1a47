using System.Collections.Concurrent;
using System.Security.Cryptography;
using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Metrics;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Server.Rooms;

/// <summary>The node's rooms: room types, creation and placement on tick threads, joinOrCreate, private rooms,
/// lobby listings, and the resume-token index (the embedded, in-memory directory; ARCHITECTURE.md §7.5, §15).</summary>
/// <remarks>Thread-safe: called from read loops. Room state is never touched here; listings read each room's
/// published <see cref="RoomInfo"/>. A joinOrCreate may pick a room whose last summary had a free seat that is gone
/// by the time the join runs: the join then answers <see cref="SeatStatus.RoomFull"/> and the caller may retry.</remarks>
internal sealed class RoomManager : IResumeRegistry
{
    private readonly TickThreadPool _pool;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, RoomTypeRegistration> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<RoomId, IRoomHandle> _rooms = new();
    private readonly ConcurrentDictionary<string, RoomId> _resumeIndex = new(StringComparer.Ordinal);

    /// <summary>Creates the node's room directory.</summary>
    /// <param name="pool">The tick threads rooms are placed on.</param>
    /// <param name="time">The rooms' clock.</param>
    /// <param name="logger">The rooms' logger.</param>
    /// <param name="metrics">The server's instruments; null records nothing (unit tests, benchmarks).</param>
    public RoomManager(TickThreadPool pool, TimeProvider time, ILogger logger, ArenaMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _pool = pool;
        _time = time;
        _logger = logger;
        Metrics = metrics;
        metrics?.ObserveRooms(this);
    }

    /// <summary>Gets the server's instruments, or null when none are recorded.</summary>
    public ArenaMetrics? Metrics { get; }

    /// <summary>Gets the registered room type names.</summary>
    public IReadOnlyCollection<string> RoomTypes => [.. _types.Keys];

    /// <summary>Registers a room type; startup only.</summary>
    /// <exception cref="ArgumentException">The name is taken or the options are invalid.</exception>
    public void Register<TRoom, TInput, TOutput>(string name, MessageSet<TInput> inputs, MessageSet<TOutput> outputs,
        Action<RoomOptions>? configure = null, Func<TRoom>? factory = null)
        where TRoom : Room<TInput, TOutput>, new()
        where TInput : class
        where TOutput : class
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        var options = new RoomOptions();
        configure?.Invoke(options);
        options.ThrowIfInvalid();
        var registration = new RoomTypeRegistration<TRoom, TInput, TOutput>(name, options, inputs, outputs, factory ?? (() => new TRoom()));
        if (!_types.TryAdd(name, registration))
        {
            throw new ArgumentException($"Room type '{name}' is already registered.", nameof(name));
        }
    }

    /// <summary>Gets whether a room type is registered.</summary>
    public bool IsRegistered(string roomType) => _types.ContainsKey(roomType);

    /// <summary>Creates a room of a type and places it on the least-loaded tick thread.</summary>
    /// <returns>False for an unknown room type.</returns>
    public bool TryCreate(string roomType, ReadOnlyMemory<byte> options, bool isPrivate, out IRoomHandle? room)
    {
        room = null;
        if (!_types.TryGetValue(roomType, out RoomTypeRegistration? registration))
        {
            return false;
        }

        var id = new RoomId(NewRoomId());
        room = registration.CreateHost(id, new RoomCreateArgs(roomType, options, isPrivate), _time,
            RandomNumberGenerator.GetInt32(int.MaxValue), _logger, this);
        if (Metrics is not null && room is IMeteredRoom metered)
        {
            metered.AttachMetrics(Metrics.Rooms);
        }

        _rooms[id] = room;
        _pool.Place(room);
        return true;
    }

    /// <summary>joinOrCreate: with an id, that room (if it is of the type); without, a public room of the type with a
    /// free seat, or a new one.</summary>
    /// <returns>False for an unknown type, or an id that names no room of the type.</returns>
    public bool TryJoinOrCreate(string roomType, RoomId? roomId, ReadOnlyMemory<byte> options, out IRoomHandle? room)
    {
        Sweep();
        if (roomId is { } id)
        {
            return _rooms.TryGetValue(id, out room) && room.RoomType == roomType && !room.IsClosed;
        }

        foreach (IRoomHandle candidate in _rooms.Values)
        {
            if (candidate.RoomType == roomType && candidate.Info is { HasFreeSeat: true })
            {
                room = candidate;
                return true;
            }
        }

        return TryCreate(roomType, options, isPrivate: false, out room);
    }

    /// <summary>Gets a room by id.</summary>
    public bool TryGet(RoomId roomId, out IRoomHandle? room) => _rooms.TryGetValue(roomId, out room) && !room.IsClosed;

    /// <summary>Finds the room holding the seat of a resume token (by its hash).</summary>
    public bool TryFindForResume(string resumeToken, out IRoomHandle? room)
    {
        room = null;
        return _resumeIndex.TryGetValue(ResumeTokens.Hash(resumeToken), out RoomId id) && TryGet(id, out room);
    }

    /// <summary>The lobby listing of a type: public, open rooms with their latest summaries.</summary>
    public IReadOnlyList<RoomInfo> List(string roomType)
    {
        Sweep();
        return [.. _rooms.Values
            .Where(room => room.RoomType == roomType && !room.IsClosed)
            .Select(room => room.Info)
            .OfType<RoomInfo>()
            .Where(info => !info.IsPrivate && !info.IsClosed)
            .OrderBy(info => info.Id.Value, StringComparer.Ordinal)];
    }

    /// <summary>The latest summaries of every open room, private ones included (admin views and gauges).</summary>
    /// <returns>The summaries, ordered by room type, then id.</returns>
    public IReadOnlyList<RoomInfo> AllInfos()
    {
        Sweep();
        List<RoomInfo> infos = [];
        foreach (IRoomHandle room in _rooms.Values)
        {
            if (!room.IsClosed && room.Info is { IsClosed: false } info)
            {
                infos.Add(info);
            }
        }

        infos.Sort(static (a, b) =>
        {
            int byType = string.CompareOrdinal(a.RoomType, b.RoomType);
            return byType != 0 ? byType : string.CompareOrdinal(a.Id.Value, b.Id.Value);
        });
        return infos;
    }

    /// <inheritdoc />
    void IResumeRegistry.Issued(string tokenHash, RoomId roomId) => _resumeIndex[tokenHash] = roomId;

    /// <inheritdoc />
    void IResumeRegistry.Revoked(string tokenHash) => _resumeIndex.TryRemove(tokenHash, out _);

    private void Sweep()
    {
        foreach (KeyValuePair<RoomId, IRoomHandle> room in _rooms)
        {
            if (room.Value.IsClosed)
            {
                _rooms.TryRemove(room);
            }
        }
    }

    // 10 characters of Crockford-style base32 (50 bits): short enough to share, unguessable enough for private rooms.
    private static string NewRoomId()
    {
        const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
        Span<char> id = stackalloc char[10];
        for (int i = 0; i < id.Length; i++)
        {
            id[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(id);
    }
}
