using System.Runtime.CompilerServices;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol;

/// <summary>The limits for a value nested one level inside an envelope: one less <c>MaxDepth</c>.</summary>
/// <remarks>Derived once per options instance and cached (the default permanently, others for as long as their
/// options live); lookups allocate nothing and may run on any thread.</remarks>
internal static class NestedOptions
{
    private static readonly MessagePackReaderOptions s_default = Derive(MessagePackReaderOptions.Default);
    private static readonly ConditionalWeakTable<MessagePackReaderOptions, MessagePackReaderOptions> s_derived = [];

    public static MessagePackReaderOptions For(MessagePackReaderOptions options)
        => ReferenceEquals(options, MessagePackReaderOptions.Default)
            ? s_default
            : s_derived.GetValue(options, static o => Derive(o));

    private static MessagePackReaderOptions Derive(MessagePackReaderOptions options) => new()
    {
        MaxDepth = Math.Max(0, options.MaxDepth - 1),
        MaxCollectionLength = options.MaxCollectionLength,
    };
}
