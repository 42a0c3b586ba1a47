namespace ArenaServer.Server.Options;

/// <summary>Limits for decoding untrusted client messages: configuration section <c>Arena:MessagePack</c>.</summary>
public sealed class MessagePackLimitsOptions
{
    /// <summary>The deepest nesting of arrays and maps accepted (the envelope array is level 1).</summary>
    /// <remarks>Defaults to 32 (proto/PROTOCOL.md §9): deep enough for any game message, shallow enough that a
    /// hostile message cannot make a decoder recurse or loop for long.</remarks>
    public int MaxDepth { get; set; } = 32;

    /// <summary>The most elements per array or entries per map accepted.</summary>
    /// <remarks>Defaults to 4096 (proto/PROTOCOL.md §9); a 16 KiB message cannot hold many more meaningful items.</remarks>
    public int MaxCollectionLength { get; set; } = 4096;
}
