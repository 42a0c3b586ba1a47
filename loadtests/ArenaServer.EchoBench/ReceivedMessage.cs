namespace ArenaServer.EchoBench;

/// <summary>One reassembled data message (or a Close, opcode 8): its opcode and total payload length.</summary>
internal readonly record struct ReceivedMessage(byte Opcode, int Length);
