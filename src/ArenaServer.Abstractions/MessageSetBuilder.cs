using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using ArenaServer.MessagePack;

namespace ArenaServer.Abstractions;

/// <summary>Collects <c>tag → type</c> registrations for a <see cref="MessageSet{T}"/>.</summary>
/// <typeparam name="T">The game's marker type for this direction.</typeparam>
/// <remarks>Mistakes fail here, at startup: a tag outside 0–127, a tag used twice, or a type registered twice.</remarks>
/// <example>
/// <code>
/// MessageSet&lt;IArenaOutput&gt; outputs = MessageSet&lt;IArenaOutput&gt;.CreateBuilder()
///     .Add&lt;WorldSnapshot&gt;(tag: 1)
///     .Add&lt;Hit&gt;(tag: 2)
///     .Build();
/// </code>
/// </example>
public sealed class MessageSetBuilder<T> where T : class
{
    private readonly ReadMessage<T>?[] _readers = new ReadMessage<T>?[MessageSet<T>.MaxTag + 1];
    private readonly Type?[] _types = new Type?[MessageSet<T>.MaxTag + 1];
    private readonly Dictionary<Type, MessageSet<T>.Registration> _byType = [];

    internal MessageSetBuilder()
    {
    }

    /// <summary>Registers <typeparamref name="TMessage"/> under <paramref name="tag"/>.</summary>
    /// <typeparam name="TMessage">A concrete message type.</typeparam>
    /// <param name="tag">0–127, unique in this set, never a retired tag.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The tag is outside 0–127.</exception>
    /// <exception cref="ArgumentException">The tag or the type is already registered.</exception>
    public MessageSetBuilder<T> Add<TMessage>(int tag) where TMessage : class, T, IArenaMessage<TMessage>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tag, MessageSet<T>.MaxTag);
        if (_types[tag] is { } existing)
        {
            throw new ArgumentException($"Tag {tag} is already registered for {existing.Name}; cannot add {typeof(TMessage).Name}.", nameof(tag));
        }

        if (_byType.TryGetValue(typeof(TMessage), out MessageSet<T>.Registration registered))
        {
            throw new ArgumentException($"{typeof(TMessage).Name} is already registered under tag {registered.Tag}.", nameof(tag));
        }

        _readers[tag] = ReadAs<TMessage>;
        _types[tag] = typeof(TMessage);
        _byType[typeof(TMessage)] = new MessageSet<T>.Registration((byte)tag, WriteAs<TMessage>);
        return this;
    }

    /// <summary>Freezes the registrations into a set; the builder can keep going for another set.</summary>
    /// <returns>The set.</returns>
    public MessageSet<T> Build() => new((ReadMessage<T>?[])_readers.Clone(), (Type?[])_types.Clone(), _byType.ToFrozenDictionary());

    // Generic instantiations bound once here: calls through the delegates reach the static abstract methods without
    // reflection.
    private static bool ReadAs<TMessage>(ref MessagePackReader reader, [NotNullWhen(true)] out T? message)
        where TMessage : class, T, IArenaMessage<TMessage>
    {
        bool read = TMessage.TryRead(ref reader, out TMessage? value);
        message = value;
        return read && value is not null;
    }

    private static void WriteAs<TMessage>(T message, ref MessagePackWriter writer)
        where TMessage : class, T, IArenaMessage<TMessage>
        => ((TMessage)message).Write(ref writer);
}
