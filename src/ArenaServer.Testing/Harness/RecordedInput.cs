namespace ArenaServer.Testing.Harness;

/// <summary>One recorded input, as handed to <c>OnTick</c>, with its body encoded.</summary>
internal sealed record RecordedInput(int PlayerId, uint Sequence, byte Tag, byte[] Body);
