namespace ArenaServer.Testing.Harness;

/// <summary>The kinds of recorded commands (stable numbers: they are in recording files).</summary>
internal enum RecordedCommandKind
{
    Join = 0,
    ResumeSeat = 1,
    Disconnect = 2,
    Leave = 3,
    ServerEvent = 4,
    Latency = 5,
}
