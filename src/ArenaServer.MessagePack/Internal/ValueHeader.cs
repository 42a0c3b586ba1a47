namespace ArenaServer.MessagePack.Internal;

/// <summary>What the first bytes of a value declare: its family, how many bytes the header occupies, and the
/// declared payload length (bytes for str/bin/ext, elements for arrays, entries for maps).</summary>
/// <remarks>For nil, booleans and numbers <see cref="HeaderLength"/> is the whole encoded size and
/// <see cref="Length"/> is zero.</remarks>
internal readonly record struct ValueHeader(MessagePackType Type, int HeaderLength, long Length, sbyte ExtensionType);
