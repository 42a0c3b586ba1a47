namespace ArenaServer.MessagePack.Tests.Model;

internal enum TestValueKind
{
    Nil,
    Boolean,
    Integer,
    Float32,
    Float64,
    String,
    Binary,
    Array,
    Map,
    Extension,
    Timestamp,
}
