using ArenaServer.MessagePack;

namespace ArenaServer.Abstractions;

/// <summary>A registered type's <c>Write</c>, typed as the set's marker type.</summary>
internal delegate void WriteMessage<T>(T message, ref MessagePackWriter writer) where T : class;
