namespace ArenaServer.Testing.Harness;

/// <summary>One recorded control command or latency sample.</summary>
internal sealed record RecordedCommand(RecordedCommandKind Kind, int PlayerId, string? Name,
    IReadOnlyDictionary<string, string>? Claims, byte[] Data, bool AsSpectator, int Reason, string? EventName,
    long RoundTripTicks, long JitterTicks);
