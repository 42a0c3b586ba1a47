using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using ArenaServer.MessagePack;

namespace ArenaServer.Abstractions;

/// <summary>The message types of one direction of a room type, each under a tag from 0 to 127 (the envelope's
/// <c>tag</c>, proto/PROTOCOL.md §4). Built once at startup; thread-safe and allocation-free to use.</summary>
/// <typeparam name="T">The game's marker type for this direction, such as <c>IArenaInput</c>.</typeparam>
/// <remarks>Reading goes through an array of the types' static <c>TryRead</c> methods indexed by tag, writing
/// through a frozen map from type to tag: no reflection on the hot path. Never reuse a retired tag: old clients
/// would send the old shape under it.</remarks>
/// <example>
/// <code>
/// public static readonly MessageSet&lt;IArenaInput&gt; Inputs =
///     MessageSet&lt;IArenaInput&gt;.CreateBuilder().Add&lt;Move&gt;(tag: 1).Add&lt;Fire&gt;(tag: 2).Build();
///
/// MessageReadStatus status = Inputs.TryRead(envelope.Tag, envelope.Body, options, out IArenaInput? input);
/// </code>
/// </example>
public sealed class MessageSet<T> where T : class
{
    /// <summary>The largest tag: tags are positive fixints, one byte on the wire.</summary>
    public const int MaxTag = 127;

    private readonly ReadMessage<T>?[] _readers;
    private readonly Type?[] _types;
    private readonly FrozenDictionary<Type, Registration> _byType;

    internal MessageSet(ReadMessage<T>?[] readers, Type?[] types, FrozenDictionary<Type, Registration> byType)
    {
        _readers = readers;
        _types = types;
        _byType = byType;
        Tags = [.. Enumerable.Range(0, readers.Length).Where(tag => readers[tag] is not null).Select(tag => (byte)tag)];
    }

    /// <summary>The registered tags, ascending.</summary>
    public IReadOnlyList<byte> Tags { get; }

    /// <summary>Starts a new set.</summary>
    /// <returns>An empty builder.</returns>
    public static MessageSetBuilder<T> CreateBuilder() => new();

    /// <summary>Reads the body of an envelope as the type registered under <paramref name="tag"/>.</summary>
    /// <param name="tag">The envelope's tag.</param>
    /// <param name="body">Exactly one encoded value (the envelope's body).</param>
    /// <param name="options">Limits for untrusted input; <see cref="MessagePackReaderOptions.Default"/> when null.</param>
    /// <param name="message">The message when the result is <see cref="MessageReadStatus.Success"/>.</param>
    /// <returns>The outcome; unknown tag, failed read and trailing bytes are protocol errors.</returns>
    public MessageReadStatus TryRead(int tag, in ReadOnlySequence<byte> body, MessagePackReaderOptions? options,
        [NotNullWhen(true)] out T? message)
    {
        message = null;
        if ((uint)tag >= (uint)_readers.Length || _readers[tag] is not { } read)
        {
            return MessageReadStatus.UnknownTag;
        }

        var reader = new MessagePackReader(body, options);
        if (!read(ref reader, out T? value) || value is null)
        {
            return MessageReadStatus.InvalidBody;
        }

        if (!reader.End)
        {
            return MessageReadStatus.TrailingBytes;
        }

        message = value;
        return MessageReadStatus.Success;
    }

    /// <summary>Gets the tag <paramref name="message"/>'s type is registered under.</summary>
    /// <param name="message">A message.</param>
    /// <param name="tag">Its tag when registered.</param>
    /// <returns>Whether the exact runtime type is registered.</returns>
    public bool TryGetTag(T message, out byte tag)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_byType.TryGetValue(message.GetType(), out Registration registration))
        {
            tag = registration.Tag;
            return true;
        }

        tag = 0;
        return false;
    }

    /// <summary>The type registered under <paramref name="tag"/>, or null.</summary>
    /// <param name="tag">A tag.</param>
    /// <returns>The message type.</returns>
    public Type? GetMessageType(int tag) => (uint)tag < (uint)_types.Length ? _types[tag] : null;

    /// <summary>Writes <paramref name="message"/>'s body (one value) and returns its tag for the envelope.</summary>
    /// <param name="message">A message whose exact type is registered.</param>
    /// <param name="writer">The destination; the caller flushes it.</param>
    /// <returns>The tag.</returns>
    /// <exception cref="ArgumentException">The type is not registered: a programming error.</exception>
    public byte Write(T message, ref MessagePackWriter writer)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_byType.TryGetValue(message.GetType(), out Registration registration))
        {
            throw new ArgumentException($"{message.GetType()} is not registered in this MessageSet<{typeof(T).Name}>.", nameof(message));
        }

        registration.Write(message, ref writer);
        return registration.Tag;
    }

    /// <summary>A type's tag and its writer.</summary>
    internal readonly record struct Registration(byte Tag, WriteMessage<T> Write);
}
