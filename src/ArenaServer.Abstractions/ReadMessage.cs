using System.Diagnostics.CodeAnalysis;
using ArenaServer.MessagePack;

namespace ArenaServer.Abstractions;

/// <summary>A registered type's <c>TryRead</c>, typed as the set's marker type.</summary>
internal delegate bool ReadMessage<T>(ref MessagePackReader reader, [NotNullWhen(true)] out T? message) where T : class;
