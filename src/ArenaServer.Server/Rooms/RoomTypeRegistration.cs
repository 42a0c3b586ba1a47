using ArenaServer.Abstractions.Rooms;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Server.Rooms;

/// <summary>A registered room type: its name, options and how to create a host for it (type-erased).</summary>
internal abstract class RoomTypeRegistration(string name, RoomOptions options)
{
    /// <summary>Gets the room type name (the Join envelope's <c>roomType</c>).</summary>
    public string Name { get; } = name;

    /// <summary>Gets the validated options every room of the type gets a copy of.</summary>
    public RoomOptions Options { get; } = options;

    /// <summary>Creates a host (not started: its tick thread runs <c>OnCreated</c>).</summary>
    public abstract IRoomHandle CreateHost(RoomId id, RoomCreateArgs args, TimeProvider time, int seed, ILogger logger,
        IResumeRegistry resumes);
}
