namespace ArenaServer.RoomBench;

/// <summary>The bench's parameters (bounded by the command line).</summary>
/// <param name="Rooms">Arena rooms.</param>
/// <param name="Players">In-memory players per room.</param>
/// <param name="JsonPlayers">Of those, how many speak <c>arena.v1.json</c> (transcoded once per room and tick).</param>
/// <param name="TickRate">Room tick rate, Hz; the driver sends one input per player at the same rate.</param>
/// <param name="TickThreads">Tick threads (the server's default is one per core).</param>
/// <param name="Warmup">Seconds run before measuring (JIT tiering, pools filling).</param>
/// <param name="Seconds">Seconds measured.</param>
/// <param name="Aligned">Create every room at once, so all rooms of a thread fall due together (the worst case);
/// otherwise creation is spread over one tick interval, as rooms created at random moments are.</param>
internal sealed record RoomBenchOptions(int Rooms, int Players, int JsonPlayers, int TickRate, int TickThreads, int Warmup,
    int Seconds, bool Aligned = false);
