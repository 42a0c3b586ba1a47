using System.Buffers;
using System.Runtime.CompilerServices;
using ArenaServer.MessagePack.Internal;

namespace ArenaServer.MessagePack;

/// <summary>Writes MessagePack values to an <see cref="IBufferWriter{T}"/>, always in the shortest encoding.</summary>
/// <remarks>
/// The writer caches the span it got from <see cref="IBufferWriter{T}.GetSpan"/> and advances the output only when
/// it needs a new span or on <see cref="Flush"/> (CONVENTIONS.md §8), so callers must call <see cref="Flush"/> once
/// at the end. It is a mutable struct: pass it by <see langword="ref"/>. Arguments that no encoding can represent (a
/// negative count, nanoseconds of a second or more) throw <see cref="ArgumentOutOfRangeException"/>.
/// </remarks>
/// <example>
/// <code>
/// var writer = new MessagePackWriter(bufferWriter);
/// writer.WriteArrayHeader(2);
/// writer.Write(dx);
/// writer.Write(dy);
/// writer.Flush();
/// </code>
/// </example>
public ref partial struct MessagePackWriter
{
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    /// <param name="output">The destination; it sees the bytes once they are flushed.</param>
    public MessagePackWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _span = default;
        _buffered = 0;
    }

    /// <summary>Commits every byte written so far to the <see cref="IBufferWriter{T}"/>; call it once at the end.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _buffered = 0;
        }

        _span = default;
    }

    /// <summary>Writes nil.</summary>
    public void WriteNil() => WriteCode(MessagePackCode.Nil);

    /// <summary>Writes true or false.</summary>
    /// <param name="value">The value.</param>
    public void Write(bool value) => WriteCode(value ? MessagePackCode.True : MessagePackCode.False);

    /// <summary>Writes raw, already-encoded MessagePack (for example a body encoded once and shared).</summary>
    /// <param name="rawMessagePack">One or more whole encoded values; not validated.</param>
    public void WriteRaw(scoped ReadOnlySpan<byte> rawMessagePack)
    {
        if (rawMessagePack.IsEmpty)
        {
            return;
        }

        rawMessagePack.CopyTo(GetSpan(rawMessagePack.Length));
        Advance(rawMessagePack.Length);
    }

    private void WriteCode(byte code)
    {
        GetSpan(1)[0] = code;
        Advance(1);
    }

    /// <summary>Returns a span of at least <paramref name="length"/> bytes at the write position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> GetSpan(int length)
    {
        if (_span.Length < length)
        {
            Grow(length);
        }

        return _span;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Advance(int length)
    {
        _span = _span[length..];
        _buffered += length;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int length)
    {
        if (_output is null)
        {
            throw new InvalidOperationException("The writer was default-initialized; construct it over an IBufferWriter<byte>.");
        }

        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _buffered = 0;
        }

        _span = _output.GetSpan(length);
        if (_span.Length < length)
        {
            throw new InvalidOperationException($"The IBufferWriter returned {_span.Length} bytes; {length} were requested.");
        }
    }
}
