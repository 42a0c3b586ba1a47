using ArenaServer.Abstractions.Rooms;
using ArenaServer.Server.Rooms;

namespace ArenaServer.Server.Hosting;

/// <summary>One <see cref="ArenaServerBuilder.AddRoomType{TRoom, TInput, TOutput}"/> call, kept in the service
/// collection until the <see cref="RoomManager"/> is built.</summary>
internal abstract class RoomTypeRegistrar(string name)
{
    /// <summary>Gets the room type name.</summary>
    public string Name { get; } = name;

    /// <summary>Registers the type with the configured defaults, then the type's own settings on top.</summary>
    public abstract void Register(RoomManager manager, RoomOptions defaults);
}
