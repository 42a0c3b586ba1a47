namespace ArenaServer.MessagePack;

/// <summary>The header of a MessagePack extension value: its application type and the length of its data.</summary>
/// <param name="TypeCode">The extension type; negative types are reserved by the spec (−1 is the timestamp).</param>
/// <param name="Length">The number of data bytes that follow the header.</param>
public readonly record struct ExtensionHeader(sbyte TypeCode, uint Length);
