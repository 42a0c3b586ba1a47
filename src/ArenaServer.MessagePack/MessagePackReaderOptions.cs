namespace ArenaServer.MessagePack;

/// <summary>Limits that bound the work and memory an untrusted MessagePack input can cause (CONVENTIONS.md §9).</summary>
/// <remarks>Declared byte lengths (strings, binaries, extensions) are always checked against the bytes actually
/// remaining, so they need no separate limit: the caller's message-size limit bounds them.</remarks>
public sealed class MessagePackReaderOptions
{
    private readonly int _maxDepth = 32;
    private readonly int _maxCollectionLength = 4096;

    /// <summary>The deepest nesting of arrays and maps that <see cref="MessagePackReader.TrySkip"/> and
    /// <see cref="MessagePackReader.TryReadRaw"/> will walk.</summary>
    /// <remarks>Defaults to 32: protocol messages nest a handful of levels, and the bound keeps recursion shallow
    /// against inputs such as 10,000 nested one-element arrays (CWE-674).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above 1000 (skipping recurses once per
    /// level, so the bound also protects the stack). Zero allows scalars only.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1000);
            _maxDepth = value;
        }
    }

    /// <summary>The largest element count an array or map header may declare (a map counts its entries).</summary>
    /// <remarks>Defaults to 4096: a 16 KiB message cannot usefully carry more, and a caller sizing a buffer from the
    /// header is never asked for more (CWE-770).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxCollectionLength
    {
        get => _maxCollectionLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxCollectionLength = value;
        }
    }

    /// <summary>The shared defaults: depth 32, 4096 elements.</summary>
    public static MessagePackReaderOptions Default { get; } = new();
}
