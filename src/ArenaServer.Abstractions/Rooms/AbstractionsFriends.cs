using System.Runtime.CompilerServices;

// The room engine binds a room's context and updates per-tick player state through internal members, so that game
// code sees a read-only surface (ARCHITECTURE.md §8).
[assembly: InternalsVisibleTo("ArenaServer.Server")]
