namespace ArenaServer.MessagePack.Internal;

/// <summary>The length-prefixed format families whose headers <see cref="MessagePackWriter"/> shares code for.</summary>
internal enum HeaderKind
{
    String,
    Binary,
    Array,
    Map,
}
