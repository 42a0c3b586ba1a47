using System.Diagnostics.CodeAnalysis;
using ArenaServer.MessagePack;

namespace ArenaServer.Abstractions;

/// <summary>A game message that encodes itself with the ArenaServer MessagePack codec: register it in a
/// <see cref="MessageSet{T}"/> under a tag, and the server reads and writes it without reflection.</summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
/// <remarks>Encode messages as positional arrays, not maps. <see cref="TryRead"/> must not throw: a false return is
/// a protocol error for the sender (close 4010). Skip trailing fields you do not know, so an older server accepts a
/// newer client (CONVENTIONS.md §10).</remarks>
/// <example>
/// <code>
/// public sealed record Move(sbyte X, sbyte Y) : IArenaInput, IArenaMessage&lt;Move&gt;
/// {
///     public void Write(ref MessagePackWriter writer)
///     {
///         writer.WriteArrayHeader(2);
///         writer.Write(X);
///         writer.Write(Y);
///     }
///
///     public static bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out Move? message)
///     {
///         message = null;
///         if (!reader.TryReadArrayHeader(out int count) || count &lt; 2 ||
///             !reader.TryReadSByte(out sbyte x) || !reader.TryReadSByte(out sbyte y) || !reader.TrySkipValues(count - 2))
///         {
///             return false;
///         }
///
///         message = new Move(x, y);
///         return true;
///     }
/// }
/// </code>
/// </example>
public interface IArenaMessage<TSelf> where TSelf : IArenaMessage<TSelf>
{
    /// <summary>Writes this message as exactly one MessagePack value (usually an array of its fields).</summary>
    /// <param name="writer">The destination; the caller flushes it.</param>
    public void Write(ref MessagePackWriter writer);

    /// <summary>Reads one message written by <see cref="Write"/> (or by a newer version with more trailing fields).</summary>
    /// <param name="reader">Positioned at the message's value; on success it must be just past that value.</param>
    /// <param name="message">The message when the result is <see langword="true"/>.</param>
    /// <returns>Whether the value was a valid message. Must not throw on any input.</returns>
    public static abstract bool TryRead(ref MessagePackReader reader, [NotNullWhen(true)] out TSelf? message);
}
