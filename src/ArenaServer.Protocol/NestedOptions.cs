using ArenaServer.MessagePack;

namespace ArenaServer.Protocol;

/// <summary>The limits for a value nested one level inside an envelope: one less <c>MaxDepth</c>.</summary>
/// <remarks>Derived once per options instance (the server uses one for its lifetime); the cache is a single
/// immutable pair swapped atomically, so any thread may call <see cref="For"/>.</remarks>
internal static class NestedOptions
{
    private static Pair? s_last;

    public static MessagePackReaderOptions For(MessagePackReaderOptions options)
    {
        Pair? last = Volatile.Read(ref s_last);
        if (last is not null && ReferenceEquals(last.Source, options))
        {
            return last.Nested;
        }

        var pair = new Pair(options, new MessagePackReaderOptions
        {
            MaxDepth = Math.Max(0, options.MaxDepth - 1),
            MaxCollectionLength = options.MaxCollectionLength,
        });
        Volatile.Write(ref s_last, pair);
        return pair.Nested;
    }

    private sealed record Pair(MessagePackReaderOptions Source, MessagePackReaderOptions Nested);
}
