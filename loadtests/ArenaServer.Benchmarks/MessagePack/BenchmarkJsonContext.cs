using System.Text.Json.Serialization;

namespace ArenaServer.Benchmarks.MessagePack;

/// <summary>Source-generated (reflection-free) System.Text.Json metadata: its fastest serializer configuration.</summary>
[JsonSerializable(typeof(PlayerDto[]))]
[JsonSerializable(typeof(InputDto))]
public sealed partial class BenchmarkJsonContext : JsonSerializerContext;
